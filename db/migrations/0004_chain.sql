CREATE TABLE "chain_cursors" (
	"chain_id" integer NOT NULL,
	"contract" text NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" text NOT NULL,
	CONSTRAINT "chain_cursors_chain_id_contract_pk" PRIMARY KEY("chain_id","contract")
);
--> statement-breakpoint
CREATE TABLE "chain_events" (
	"chain_id" integer NOT NULL,
	"contract" text NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" text NOT NULL,
	"tx_hash" text NOT NULL,
	"log_index" integer NOT NULL,
	"name" text NOT NULL,
	"args" jsonb NOT NULL,
	"dataset_id" bigint,
	"version" integer,
	"proposal_id" bigint,
	"account" text,
	CONSTRAINT "chain_events_chain_id_tx_hash_log_index_pk" PRIMARY KEY("chain_id","tx_hash","log_index")
);
--> statement-breakpoint
CREATE INDEX "chain_events_block_idx" ON "chain_events" USING btree ("chain_id","contract","block_number");--> statement-breakpoint
CREATE INDEX "chain_events_dataset_idx" ON "chain_events" USING btree ("dataset_id","version","name");--> statement-breakpoint
CREATE INDEX "chain_events_account_idx" ON "chain_events" USING btree ("account");