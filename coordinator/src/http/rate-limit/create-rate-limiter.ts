import type { Context } from 'hono';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { type Cidr, clientKey, isInCidr, parseCidr } from './cidr.ts';
import { clientAddress } from './client-address.ts';
import { createTokenBuckets } from './token-buckets.ts';

/** Checks request rates; each method throws `RATE_LIMITED` (429, with Retry-After) when over. */
export interface RateLimiter {
  /** One request from the client address of `c` (none for exempt addresses or no socket). */
  client(c: Context): void;
  /** One request from a device (by address). */
  device(address: string): void;
  /** One request from a signed-in account (by address). */
  session(address: string): void;
}

type RateConfig = Pick<
  Config,
  | 'PLAZA_RATE_LIMIT'
  | 'PLAZA_RATE_LIMIT_IP_PER_MINUTE'
  | 'PLAZA_RATE_LIMIT_DEVICE_PER_MINUTE'
  | 'PLAZA_RATE_LIMIT_SESSION_PER_MINUTE'
  | 'PLAZA_RATE_LIMIT_EXEMPT'
  | 'PLAZA_TRUSTED_PROXIES'
>;

const ranges = (list: readonly string[]): Cidr[] =>
  list.map(parseCidr).filter((range): range is Cidr => range !== null);

/**
 * The coordinator's rate limits (`PLAZA_RATE_LIMIT_*`): token buckets per client address (IPv6
 * by /64), per device and per signed-in account, in this process. Addresses in
 * `PLAZA_RATE_LIMIT_EXEMPT` (loopback by default: the default coordinator only listens there, and
 * test fleets of hundreds of simulated devices run on it) skip the address limit but not the
 * device and account limits. With `PLAZA_RATE_LIMIT=false` nothing is limited.
 *
 * @example
 * const limiter = createRateLimiter(config, clock);
 * limiter.device('0xabc…'); // throws AppError('RATE_LIMITED') past 600 a minute
 */
export function createRateLimiter(config: RateConfig, clock: Clock): RateLimiter {
  const buckets = createTokenBuckets({ clock });
  const exempt = ranges(config.PLAZA_RATE_LIMIT_EXEMPT);
  const trusted = ranges(config.PLAZA_TRUSTED_PROXIES);
  const take = (key: string, perMinute: number, who: string) => {
    if (!config.PLAZA_RATE_LIMIT) return;
    const answer = buckets.take(key, perMinute);
    if (answer.ok) return;
    throw new AppError(
      'RATE_LIMITED',
      `Too many requests from ${who}: at most ${perMinute} a minute; retry in ${answer.retryAfterSeconds} s.`,
      { details: { retryAfterSeconds: answer.retryAfterSeconds } },
    );
  };
  return {
    client(c) {
      if (!config.PLAZA_RATE_LIMIT) return;
      const address = clientAddress(c, trusted);
      if (address === null || exempt.some((range) => isInCidr(address, range))) return;
      const key = clientKey(address);
      take(
        key,
        config.PLAZA_RATE_LIMIT_IP_PER_MINUTE,
        `this address (${key.slice(key.indexOf(':') + 1)})`,
      );
    },
    device(address) {
      take(`device:${address}`, config.PLAZA_RATE_LIMIT_DEVICE_PER_MINUTE, `device ${address}`);
    },
    session(address) {
      take(`account:${address}`, config.PLAZA_RATE_LIMIT_SESSION_PER_MINUTE, `account ${address}`);
    },
  };
}
