-- A campaign's seeds are queued in frontier_urls when it is created and never read from its spec
-- again, but the spec was read on hot paths (the extraction of every URL a lease refill claims,
-- once per ingest batch, once per contribution the verification sampler looks at): a campaign
-- created with 10,000 seeds made each of those reads detoast and parse ~400 KB. The stored spec
-- keeps an empty seed list from now on.
UPDATE "campaigns" SET "spec" = jsonb_set("spec", '{seeds}', '[]'::jsonb)
WHERE "spec"->'seeds' <> '[]'::jsonb;
