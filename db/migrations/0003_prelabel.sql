CREATE TABLE "prelabel_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"lease_id" text NOT NULL,
	"device_address" text NOT NULL,
	"campaign_id" text NOT NULL,
	"model_hash" text NOT NULL,
	"backend" text NOT NULL,
	"signature" text NOT NULL,
	"items_count" integer NOT NULL,
	"checked_count" integer NOT NULL,
	"max_diff" real,
	"status" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "prelabel_batches_lease_id_unique" UNIQUE("lease_id")
);
--> statement-breakpoint
CREATE TABLE "prelabel_claims" (
	"item_id" bigint PRIMARY KEY NOT NULL,
	"lease_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prelabel_leases" (
	"id" text PRIMARY KEY NOT NULL,
	"device_address" text NOT NULL,
	"campaign_id" text NOT NULL,
	"model_hash" text NOT NULL,
	"items" jsonb NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prelabel_models" (
	"hash" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"classes" jsonb NOT NULL,
	"features" jsonb NOT NULL,
	"model_json" text NOT NULL,
	"weights" "bytea" NOT NULL,
	"labels" integer NOT NULL,
	"metrics" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prelabel_predictions" (
	"item_id" bigint NOT NULL,
	"model_hash" text NOT NULL,
	"device_address" text NOT NULL,
	"campaign_id" text NOT NULL,
	"batch_id" text NOT NULL,
	"backend" text NOT NULL,
	"probs" jsonb NOT NULL,
	"checked" boolean NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "prelabel_predictions_item_id_model_hash_device_address_pk" PRIMARY KEY("item_id","model_hash","device_address")
);
--> statement-breakpoint
CREATE TABLE "prelabel_runs" (
	"campaign_id" text PRIMARY KEY NOT NULL,
	"outcome" text NOT NULL,
	"labels" integer NOT NULL,
	"metrics" jsonb,
	"model_hash" text,
	"trained_at" timestamp with time zone NOT NULL,
	"claimed_until" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "prelabel_batches_device_idx" ON "prelabel_batches" USING btree ("device_address","created_at");--> statement-breakpoint
CREATE INDEX "prelabel_leases_device_idx" ON "prelabel_leases" USING btree ("device_address","created_at");--> statement-breakpoint
CREATE INDEX "prelabel_models_campaign_idx" ON "prelabel_models" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "prelabel_predictions_campaign_idx" ON "prelabel_predictions" USING btree ("campaign_id","item_id");--> statement-breakpoint
CREATE INDEX "prelabel_predictions_device_idx" ON "prelabel_predictions" USING btree ("device_address") WHERE "prelabel_predictions"."revoked_at" is null;