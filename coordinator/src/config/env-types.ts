import { z } from 'zod';
import { parseCidr } from '../http/rate-limit/cidr.ts';

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

/** A comma-separated list of IP addresses or CIDR ranges, `fallback` when unset. */
export const cidrList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const list = value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '');
      for (const entry of list) {
        if (parseCidr(entry) === null) {
          ctx.addIssue({
            code: 'custom',
            message: `"${entry}" is not an IP address or CIDR range`,
          });
        }
      }
      return list;
    });

/**
 * An http(s) origin (`scheme://host[:port]`, no path, query, fragment or credentials), kept as
 * the URL's normalized origin.
 */
export const originSchema = z
  .string()
  .url()
  .transform((value, ctx) => {
    const url = new URL(value);
    const bare =
      url.username === '' &&
      url.password === '' &&
      (url.pathname === '/' || url.pathname === '') &&
      url.search === '' &&
      url.hash === '';
    if (!/^https?:$/.test(url.protocol) || !bare) {
      ctx.addIssue({
        code: 'custom',
        message: `expected an http(s) origin such as https://plaza.example.org, not "${value}"`,
      });
      return z.NEVER;
    }
    return url.origin;
  });
