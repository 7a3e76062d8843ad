CREATE TABLE "auth_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"address" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "label_aggregates" (
	"item_id" bigint PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"value" jsonb NOT NULL,
	"confidence" real NOT NULL,
	"agreement" real,
	"method" text NOT NULL,
	"labels_count" integer NOT NULL,
	"reviewed_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "label_leases" (
	"item_id" bigint NOT NULL,
	"labeler" text NOT NULL,
	"campaign_id" text NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "label_leases_item_id_labeler_pk" PRIMARY KEY("item_id","labeler")
);
--> statement-breakpoint
CREATE TABLE "label_runs" (
	"campaign_id" text PRIMARY KEY NOT NULL,
	"alpha" real,
	"labels" integer NOT NULL,
	"items" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "label_tasks" (
	"item_id" bigint PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"labels_count" integer DEFAULT 0 NOT NULL,
	"blind" boolean NOT NULL,
	"gold_value" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "labeler_campaigns" (
	"campaign_id" text NOT NULL,
	"labeler" text NOT NULL,
	"gold_answered" integer DEFAULT 0 NOT NULL,
	"gold_correct" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"paused_reason" text,
	"estimated_accuracy" real,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "labeler_campaigns_campaign_id_labeler_pk" PRIMARY KEY("campaign_id","labeler")
);
--> statement-breakpoint
CREATE TABLE "labels" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"item_id" bigint NOT NULL,
	"campaign_id" text NOT NULL,
	"labeler" text NOT NULL,
	"value" jsonb NOT NULL,
	"duration_ms" integer NOT NULL,
	"prelabel_shown" boolean NOT NULL,
	"blind" boolean NOT NULL,
	"matches_prelabel" boolean,
	"gold_correct" boolean,
	"posterior" real,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prelabels" (
	"item_id" bigint PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"value" jsonb NOT NULL,
	"confidence" real NOT NULL,
	"source" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "label_aggregates" ADD CONSTRAINT "label_aggregates_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_tasks" ADD CONSTRAINT "label_tasks_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prelabels" ADD CONSTRAINT "prelabels_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_address_idx" ON "sessions" USING btree ("address");--> statement-breakpoint
CREATE INDEX "label_aggregates_campaign_idx" ON "label_aggregates" USING btree ("campaign_id","confidence");--> statement-breakpoint
CREATE INDEX "label_leases_labeler_idx" ON "label_leases" USING btree ("labeler","campaign_id");--> statement-breakpoint
CREATE INDEX "label_tasks_campaign_idx" ON "label_tasks" USING btree ("campaign_id","labels_count");--> statement-breakpoint
CREATE UNIQUE INDEX "labels_item_labeler_uq" ON "labels" USING btree ("item_id","labeler");--> statement-breakpoint
CREATE UNIQUE INDEX "labels_labeler_client_uq" ON "labels" USING btree ("labeler","client_id");--> statement-breakpoint
CREATE INDEX "labels_campaign_idx" ON "labels" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "labels_labeler_idx" ON "labels" USING btree ("labeler","campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "prelabels_campaign_idx" ON "prelabels" USING btree ("campaign_id");