import { anvilDeployerPrivateKey, deployPlaza, startAnvil } from '@plaza/contracts';
import { loadConfig, type Publisher, publisherFor } from '@plaza/coordinator';

/** A local anvil with Plaza and the test stablecoin deployed, and the coordinator's publisher. */
export interface TestChain {
  rpcUrl: string;
  chainId: number;
  plaza: `0x${string}`;
  testUsd: `0x${string}`;
  /** The publisher `plaza start` builds for a local chain (anvil's first account, its defaults). */
  publisher: Publisher;
  stop: () => Promise<void>;
}

/**
 * Starts anvil on a free loopback port, deploys Plaza and TestUSD with anvil's first account, and
 * builds the publisher exactly as `plaza start` does for its local chain (same key, dataset
 * defaults and confirmations), to hand to an in-process coordinator.
 */
export async function startTestChain(): Promise<TestChain> {
  const anvil = await startAnvil();
  try {
    const deployment = await deployPlaza({
      rpcUrl: anvil.rpcUrl,
      privateKey: anvilDeployerPrivateKey,
      testUsd: true,
    });
    const testUsd = deployment.testUsd;
    if (!testUsd) throw new Error('deployPlaza did not deploy the test stablecoin.');
    const publisher = publisherFor(loadConfig({ PLAZA_CHAIN_ID: String(anvil.chainId) }), {
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      plaza: deployment.plaza,
      testUsd,
      isLocal: true,
    });
    if (!publisher) throw new Error('The coordinator built no publisher for the local chain.');
    return {
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      plaza: deployment.plaza,
      testUsd,
      publisher,
      stop: anvil.stop,
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
