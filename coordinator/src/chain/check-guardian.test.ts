import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLogger } from '../observability/logger.ts';
import { checkGuardian } from './check-guardian.ts';
import { ChainConfigError, guardianFor } from './start-chain.ts';

const publisherAddress = '0x00000000000000000000000000000000000000Aa';
const publisher = (guardian: `0x${string}`) => ({
  address: publisherAddress as `0x${string}`,
  guardian: async () => guardian,
});

describe('the guardian is not the publisher (M-2)', () => {
  it('refuses to start when the guardian is the publisher’s key, outside a local chain', async () => {
    const error = await checkGuardian(publisher('0x00000000000000000000000000000000000000aA'), {
      localDev: false,
      logger: createLogger('silent'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainConfigError);
    expect((error as ChainConfigError).code).toBe('CHAIN_CONFIG_INVALID');
    expect((error as Error).message).toMatch(/guardian .* is the publisher's key/);
  });

  it('allows it with a warning on a local development chain, and a distinct guardian anywhere', async () => {
    const warnings: string[] = [];
    const logger = { ...createLogger('silent'), warn: (msg: string) => void warnings.push(msg) };
    await checkGuardian(publisher(publisherAddress), { localDev: true, logger });
    expect(warnings).toEqual([expect.stringMatching(/local development chain only/)]);
    await checkGuardian(publisher('0x00000000000000000000000000000000000000bb'), {
      localDev: false,
      logger,
    });
    expect(warnings).toHaveLength(1);
  });

  it('deploys with the configured guardian, anvil’s account 1 on a local chain, or refuses', () => {
    const guardian = '0x00000000000000000000000000000000000000cc';
    expect(guardianFor(loadConfig({ PLAZA_GUARDIAN_ADDRESS: guardian }), 8453)).toBe(guardian);
    expect(guardianFor(loadConfig({}), 31337)).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    expect(() =>
      guardianFor(loadConfig({ PLAZA_CHAIN: 'rpc', PLAZA_CHAIN_ID: '8453' }), 8453),
    ).toThrow(/PLAZA_GUARDIAN_ADDRESS/);
  });
});
