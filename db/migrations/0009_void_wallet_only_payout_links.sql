-- Custom SQL migration file, put your code below! --
-- Payout links accepted before this release carried the payout wallet's signature alone: anyone
-- could link any device to their own wallet, and a nonce of 2^53-1 locked the owner out. None of
-- them is known to have the device's consent, so all are void: shares go to the device address
-- until its owner links again with both signatures (device key and wallet), from nonce 1.
UPDATE "devices" SET "payout_address" = NULL, "payout_nonce" = 0 WHERE NOT EXISTS (
  SELECT 1 FROM "device_payout_events" e WHERE e."device_address" = "devices"."address"
);
