import { z } from 'zod';

/** A 20-byte hex address, normalized to lowercase. */
export const addressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x-prefixed 20-byte hex address')
  .transform((value) => value.toLowerCase() as `0x${string}`);

/** A 32-byte hex value (hashes). */
export const bytes32Schema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 0x-prefixed 32-byte hex value')
  .transform((value) => value.toLowerCase() as `0x${string}`);

/** A 65-byte secp256k1 signature as hex. */
export const signatureSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{130}$/, 'expected a 0x-prefixed 65-byte signature')
  .transform((value) => value as `0x${string}`);

/** Largest wallet signature accepted, in bytes: room for ERC-6492 wrappers and multisig owners. */
export const MAX_WALLET_SIGNATURE_BYTES = 4096;

/**
 * A wallet's signature as hex: a 65-byte secp256k1 signature from a key, or what a contract
 * wallet returns (ERC-1271 for a deployed one, ERC-6492 for one not deployed yet), of any even
 * length up to {@link MAX_WALLET_SIGNATURE_BYTES}.
 */
export const walletSignatureSchema = z
  .string()
  .max(2 + 2 * MAX_WALLET_SIGNATURE_BYTES)
  .regex(/^0x(?:[0-9a-fA-F]{2})+$/, 'expected a 0x-prefixed hex signature of whole bytes')
  .transform((value) => value as `0x${string}`);

/** Unix time in seconds. */
export const unixSecondsSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 40);

/** An absolute http(s) URL of bounded length. Egress rules are checked separately. */
export const httpUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => /^https?:\/\//i.test(value), 'expected an absolute http(s) URL');

/** A campaign id: a lowercase slug. */
export const campaignIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, 'expected a lowercase slug of 3-64 characters');
