CREATE TABLE "campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"spec" jsonb NOT NULL,
	"sitemaps_loaded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contribution_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"device_address" text NOT NULL,
	"signature" text NOT NULL,
	"items_hash" text NOT NULL,
	"item_hashes" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contributions" (
	"id" text PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"batch_id" text NOT NULL,
	"batch_index" integer NOT NULL,
	"struct_hash" text NOT NULL,
	"campaign_id" text NOT NULL,
	"device_address" text NOT NULL,
	"url" text NOT NULL,
	"final_url" text NOT NULL,
	"http_status" integer NOT NULL,
	"body_hash" text NOT NULL,
	"text_hash" text NOT NULL,
	"links_hash" text NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"content_type" text NOT NULL,
	"body_bytes" integer NOT NULL,
	"content_hash" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"item_id" bigint,
	"similarity" real,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" text NOT NULL,
	"contribution_id" text NOT NULL,
	"device_address" text NOT NULL,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"content_hash" text NOT NULL,
	"minhash" "bytea" NOT NULL,
	"language" text NOT NULL,
	"language_confidence" real NOT NULL,
	"quality_signals" jsonb NOT NULL,
	"quality_score" real NOT NULL,
	"duplicate_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lsh_buckets" (
	"campaign_id" text NOT NULL,
	"band" smallint NOT NULL,
	"bucket" bigint NOT NULL,
	"item_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receipt_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"items_hash" text NOT NULL,
	"count" integer NOT NULL,
	"issued_at" bigint NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receipts" (
	"contribution_id" text PRIMARY KEY NOT NULL,
	"issued_at" bigint NOT NULL,
	"struct_hash" text NOT NULL,
	"quality_score" real,
	"batch_id" text
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"address" text PRIMARY KEY NOT NULL,
	"payout_address" text,
	"payout_nonce" bigint DEFAULT 0 NOT NULL,
	"token_hash" text NOT NULL,
	"registered_issued_at" bigint NOT NULL,
	"reputation" real DEFAULT 0.5 NOT NULL,
	"confirmed_checks" integer DEFAULT 0 NOT NULL,
	"failed_checks" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "frontier_urls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"url" text NOT NULL,
	"host" text NOT NULL,
	"depth" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"discovered_from" bigint,
	"lease_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hosts" (
	"host" text PRIMARY KEY NOT NULL,
	"next_fetch_at" timestamp with time zone DEFAULT now() NOT NULL,
	"robots_state" text DEFAULT 'unknown' NOT NULL,
	"robots_status" integer,
	"robots_txt" text,
	"robots_fetched_at" timestamp with time zone,
	"robots_expires_at" timestamp with time zone,
	"crawl_delay_ms" integer DEFAULT 0 NOT NULL,
	"refused_reason" text,
	"has_queued" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"lease_id" text NOT NULL,
	"frontier_url_id" bigint NOT NULL,
	"campaign_id" text NOT NULL,
	"device_address" text NOT NULL,
	"url" text NOT NULL,
	"host" text NOT NULL,
	"state" text DEFAULT 'leased' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"id" text PRIMARY KEY NOT NULL,
	"device_address" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_batch_id_contribution_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."contribution_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_contribution_id_contributions_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."contributions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_batch_id_receipt_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."receipt_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frontier_urls" ADD CONSTRAINT "frontier_urls_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_frontier_url_id_frontier_urls_id_fk" FOREIGN KEY ("frontier_url_id") REFERENCES "public"."frontier_urls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_device_address_devices_address_fk" FOREIGN KEY ("device_address") REFERENCES "public"."devices"("address") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contributions_job_uq" ON "contributions" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "contributions_campaign_outcome_idx" ON "contributions" USING btree ("campaign_id","outcome");--> statement-breakpoint
CREATE INDEX "contributions_device_idx" ON "contributions" USING btree ("device_address");--> statement-breakpoint
CREATE INDEX "contributions_item_idx" ON "contributions" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "items_campaign_content_uq" ON "items" USING btree ("campaign_id","content_hash");--> statement-breakpoint
CREATE INDEX "items_campaign_score_idx" ON "items" USING btree ("campaign_id","quality_score");--> statement-breakpoint
CREATE INDEX "lsh_buckets_lookup_idx" ON "lsh_buckets" USING btree ("campaign_id","bucket");--> statement-breakpoint
CREATE UNIQUE INDEX "frontier_urls_campaign_url_uq" ON "frontier_urls" USING btree ("campaign_id","url");--> statement-breakpoint
CREATE INDEX "frontier_urls_queued_idx" ON "frontier_urls" USING btree ("host","priority","id") WHERE "frontier_urls"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "frontier_urls_leased_idx" ON "frontier_urls" USING btree ("lease_expires_at") WHERE "frontier_urls"."status" = 'leased';--> statement-breakpoint
CREATE INDEX "frontier_urls_campaign_status_idx" ON "frontier_urls" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "hosts_ready_idx" ON "hosts" USING btree ("next_fetch_at") WHERE "hosts"."has_queued" and "hosts"."robots_state" = 'ok' and "hosts"."refused_reason" is null;--> statement-breakpoint
CREATE INDEX "hosts_robots_expiry_idx" ON "hosts" USING btree ("robots_expires_at");--> statement-breakpoint
CREATE INDEX "jobs_frontier_idx" ON "jobs" USING btree ("frontier_url_id");--> statement-breakpoint
CREATE INDEX "jobs_lease_idx" ON "jobs" USING btree ("lease_id");--> statement-breakpoint
CREATE INDEX "leases_device_idx" ON "leases" USING btree ("device_address");