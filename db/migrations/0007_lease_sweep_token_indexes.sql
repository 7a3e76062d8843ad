CREATE INDEX "devices_token_idx" ON "devices" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "jobs_leased_expiry_idx" ON "jobs" USING btree ("expires_at") WHERE "jobs"."state" = 'leased';--> statement-breakpoint
CREATE INDEX "jobs_expired_idx" ON "jobs" USING btree ("expires_at") WHERE "jobs"."state" = 'expired';