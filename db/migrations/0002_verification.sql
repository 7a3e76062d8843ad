CREATE TABLE "verification_checks" (
	"contribution_id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"device_address" text NOT NULL,
	"url" text NOT NULL,
	"host" text NOT NULL,
	"item_id" bigint NOT NULL,
	"mode" text NOT NULL,
	"reason" text NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone,
	"similarity" real,
	"http_status" integer,
	"final_url" text,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "verification" text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "kind" text DEFAULT 'extension' NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "quarantine_reason" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "quarantined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "verification_checks" ADD CONSTRAINT "verification_checks_contribution_id_contributions_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."contributions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "verification_checks_pending_idx" ON "verification_checks" USING btree ("created_at") WHERE "verification_checks"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "verification_checks_campaign_idx" ON "verification_checks" USING btree ("campaign_id","state");--> statement-breakpoint
CREATE INDEX "verification_checks_device_idx" ON "verification_checks" USING btree ("device_address");--> statement-breakpoint
CREATE INDEX "contributions_verification_new_idx" ON "contributions" USING btree ("created_at") WHERE "contributions"."verification" = 'new';