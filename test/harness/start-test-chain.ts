import { anvilAccount, anvilDeployerPrivateKey, deployPlaza, startAnvil } from '@plaza/contracts';
import { loadConfig, type Publisher, publisherFor } from '@plaza/coordinator';

/** A local anvil with Plaza and the test stablecoin deployed, and the coordinator's publisher. */
export interface TestChain {
  rpcUrl: string;
  chainId: number;
  plaza: `0x${string}`;
  testUsd: `0x${string}`;
  /** Plaza's guardian: anvil's account 1, never the publisher. */
  guardian: `0x${string}`;
  /** The publisher `plaza start` builds for a local chain (anvil's first account), with {@link testChainEnv}. */
  publisher: Publisher;
  stop: () => Promise<void>;
}

/**
 * The dataset parameters of the test chain, over the local chain's defaults: an hour of timelock
 * and of voting delay, a day to vote. Long enough that no spec ever sees one pass by the wall clock:
 * specs move anvil's clock (`advanceAnvilClockTo`) when an event says a wait has begun.
 */
export const testChainEnv = {
  PLAZA_DATASET_ROOT_TIMELOCK_SECONDS: '3600',
  PLAZA_DATASET_VOTING_DELAY_SECONDS: '3600',
  PLAZA_DATASET_VOTING_PERIOD_SECONDS: '86400',
} as const;

/**
 * Starts anvil on a free loopback port, deploys Plaza (guardian: anvil's account 1) and TestUSD with
 * anvil's first account, and builds the publisher as `plaza start` does for its local chain (same
 * key and confirmations; the parameters of {@link testChainEnv}), to hand to an in-process
 * coordinator. Give the coordinator `testChainEnv` too, so its config matches.
 */
export async function startTestChain(): Promise<TestChain> {
  const anvil = await startAnvil();
  try {
    const guardian = anvilAccount(1).address;
    const deployment = await deployPlaza({
      rpcUrl: anvil.rpcUrl,
      privateKey: anvilDeployerPrivateKey,
      guardian,
      testUsd: true,
    });
    const testUsd = deployment.testUsd;
    if (!testUsd) throw new Error('deployPlaza did not deploy the test stablecoin.');
    const publisher = publisherFor(
      loadConfig({ PLAZA_CHAIN_ID: String(anvil.chainId), ...testChainEnv }),
      {
        rpcUrl: anvil.rpcUrl,
        chainId: anvil.chainId,
        plaza: deployment.plaza,
        testUsd,
        isLocal: true,
      },
    );
    if (!publisher) throw new Error('The coordinator built no publisher for the local chain.');
    if ((await publisher.guardian()) === publisher.address) {
      throw new Error('The test chain’s guardian is its publisher.');
    }
    return {
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      plaza: deployment.plaza,
      testUsd,
      guardian,
      publisher,
      stop: anvil.stop,
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
