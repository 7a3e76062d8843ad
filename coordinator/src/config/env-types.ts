import { z } from 'zod';

/** `true`/`false` (or `1`/`0`) as a boolean. */
export const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** A 0x-prefixed 32-byte hex private key. */
export const privateKeySchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 0x-prefixed 32-byte hex private key')
  .transform((value) => value as `0x${string}`);

/** Comma-separated addresses, lowercased; empty means none. */
export const addressList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const list = value
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => part !== '');
    for (const address of list) {
      if (!/^0x[0-9a-f]{40}$/.test(address)) {
        ctx.addIssue({ code: 'custom', message: `"${address}" is not an address` });
      }
    }
    return list;
  });

/** An integer in `[min, max]`, from its decimal text. */
export const intString = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A number in `[min, max]`, from its decimal text. */
export const numberString = (min: number, max: number) => z.coerce.number().min(min).max(max);
