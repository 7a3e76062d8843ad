CREATE TABLE "imported_items" (
	"item_id" bigint PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"import_id" text NOT NULL,
	"line" integer NOT NULL,
	"external_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "labeler_campaigns" ADD COLUMN "reported_gold_answered" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "labeler_campaigns" ADD COLUMN "reported_gold_correct" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "labeler_campaigns" ADD COLUMN "unreported_labels" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "labeler_campaigns" ADD COLUMN "reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "labeler_campaigns" ADD COLUMN "reported_stats" jsonb;--> statement-breakpoint
ALTER TABLE "labels" ADD COLUMN "edited_value" jsonb;--> statement-breakpoint
ALTER TABLE "imported_items" ADD CONSTRAINT "imported_items_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "imported_items_external_uq" ON "imported_items" USING btree ("campaign_id","external_id");