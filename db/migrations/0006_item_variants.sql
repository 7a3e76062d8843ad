CREATE TABLE "item_variants" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "item_variants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" text NOT NULL,
	"item_id" bigint NOT NULL,
	"contribution_id" text NOT NULL,
	"text" text NOT NULL,
	"minhash" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lsh_buckets" ADD COLUMN "variant_id" bigint;