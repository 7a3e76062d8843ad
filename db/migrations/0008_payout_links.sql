CREATE TABLE "device_payout_events" (
	"device_address" text NOT NULL,
	"nonce" bigint NOT NULL,
	"kind" text NOT NULL,
	"payout_address" text,
	"previous_address" text,
	"issued_at" bigint NOT NULL,
	"device_signature" text NOT NULL,
	"payout_signature" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "device_payout_events_device_address_nonce_pk" PRIMARY KEY("device_address","nonce")
);
--> statement-breakpoint
ALTER TABLE "device_payout_events" ADD CONSTRAINT "device_payout_events_device_address_devices_address_fk" FOREIGN KEY ("device_address") REFERENCES "public"."devices"("address") ON DELETE no action ON UPDATE no action;