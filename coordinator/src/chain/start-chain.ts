import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AnvilInstance,
  AnvilPortBusyError,
  anvilAccount,
  anvilDeployerPrivateKey,
  deployPlaza,
  localDevChainId,
  type PlazaDeployment,
  startAnvil,
} from '@plaza/contracts';
import { type Address, createPublicClient, getAddress, http } from 'viem';
import type { Config } from '../config.ts';
import type { Logger } from '../observability/logger.ts';

/** The chain the coordinator publishes to, and how to stop what it started. */
export interface ChainConnection {
  rpcUrl: string;
  chainId: number;
  plaza: `0x${string}`;
  testUsd: `0x${string}` | null;
  /** True when this process started the chain (a local anvil). */
  isLocal: boolean;
  stop: () => Promise<void>;
}

/** Thrown when the configured chain cannot be used; says which variable to fix. */
export class ChainConfigError extends Error {
  override readonly name = 'ChainConfigError';
  readonly code: 'CHAIN_CONFIG_INVALID' | 'ANVIL_PORT_BUSY';
  constructor(
    message: string,
    code: ChainConfigError['code'] = 'CHAIN_CONFIG_INVALID',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
  }
}

/** 2: the contract with exact votes, timelocks that open versions, sweeps and two-step roles. */
const deploymentSchemaVersion = 2;

interface SavedDeployment {
  schema: number;
  chainId: number;
  plaza: string;
  testUsd: string | null;
}

/**
 * Connects Plaza to its chain. Default (`PLAZA_CHAIN=anvil`): a local anvil whose state lives in
 * the data dir, with the contracts and a test stablecoin deployed on first start and reused after.
 * `PLAZA_CHAIN=rpc`: any EVM chain at `PLAZA_RPC_URL`, using the deployment at
 * `PLAZA_CONTRACT_ADDRESS`, or deploying with `PLAZA_DEPLOYER_KEY`. `PLAZA_CHAIN=off`: no chain.
 */
export async function startChain(config: Config, logger: Logger): Promise<ChainConnection | null> {
  if (config.PLAZA_CHAIN === 'off') return null;
  if (config.PLAZA_CHAIN === 'anvil') return startLocalChain(config, logger);
  if (!config.PLAZA_RPC_URL) {
    throw new ChainConfigError('PLAZA_CHAIN=rpc needs PLAZA_RPC_URL.');
  }
  const chainId = await readChainId(config.PLAZA_RPC_URL);
  if (chainId !== config.PLAZA_CHAIN_ID) {
    throw new ChainConfigError(
      `PLAZA_CHAIN_ID is ${config.PLAZA_CHAIN_ID} but the chain at PLAZA_RPC_URL is ${chainId}.`,
    );
  }
  if (config.PLAZA_CONTRACT_ADDRESS) {
    return {
      rpcUrl: config.PLAZA_RPC_URL,
      chainId,
      plaza: getAddress(config.PLAZA_CONTRACT_ADDRESS),
      testUsd: null,
      isLocal: false,
      stop: async () => {},
    };
  }
  if (!config.PLAZA_DEPLOYER_KEY) {
    throw new ChainConfigError(
      'PLAZA_CHAIN=rpc needs PLAZA_CONTRACT_ADDRESS (an existing deployment) or PLAZA_DEPLOYER_KEY.',
    );
  }
  const deployment = await deployPlaza({
    rpcUrl: config.PLAZA_RPC_URL,
    privateKey: config.PLAZA_DEPLOYER_KEY,
    guardian: guardianFor(config, chainId),
  });
  logger.info('deployed Plaza', { chainId, plaza: deployment.plaza });
  return {
    rpcUrl: config.PLAZA_RPC_URL,
    chainId,
    plaza: deployment.plaza,
    testUsd: null,
    isLocal: false,
    stop: async () => {},
  };
}

/**
 * The guardian Plaza is deployed with: `PLAZA_GUARDIAN_ADDRESS`, or on a local development chain
 * anvil's account 1 (never the publisher's account 0). Elsewhere it must be configured.
 */
export function guardianFor(config: Config, chainId: number): Address {
  if (config.PLAZA_GUARDIAN_ADDRESS) return getAddress(config.PLAZA_GUARDIAN_ADDRESS);
  if (config.PLAZA_CHAIN === 'anvil' || chainId === localDevChainId) {
    return anvilAccount(1).address;
  }
  throw new ChainConfigError(
    'Deploying Plaza needs PLAZA_GUARDIAN_ADDRESS: the key that may revoke a bad version, held apart from the publisher.',
  );
}

async function startLocalChain(config: Config, logger: Logger): Promise<ChainConnection> {
  const stateFile = join(config.PLAZA_DATA_DIR, 'anvil-state.json');
  const deploymentFile = join(config.PLAZA_DATA_DIR, 'deployment.json');
  const anvil: AnvilInstance = await startAnvil({
    // A fixed port and chain id: a wallet that added this network keeps it across restarts.
    port: config.PLAZA_ANVIL_PORT,
    chainId: config.PLAZA_CHAIN_ID,
    // anvil loads this state at start and writes it back on exit: the chain survives restarts.
    args: ['--state', stateFile],
  }).catch((error: unknown) => {
    if (error instanceof AnvilPortBusyError) {
      throw new ChainConfigError(
        `PLAZA_ANVIL_PORT ${error.port} is in use (another Plaza or anvil still running?): stop what listens there, or set PLAZA_ANVIL_PORT to a free port (0: any).`,
        'ANVIL_PORT_BUSY',
        { cause: error },
      );
    }
    throw error;
  });
  try {
    const saved = readSavedDeployment(deploymentFile);
    if (saved && saved.chainId === anvil.chainId && (await hasCode(anvil.rpcUrl, saved.plaza))) {
      return connection(anvil, saved.plaza as `0x${string}`, saved.testUsd as `0x${string}` | null);
    }
    const deployment: PlazaDeployment = await deployPlaza({
      rpcUrl: anvil.rpcUrl,
      privateKey: anvilDeployerPrivateKey,
      guardian: guardianFor(config, anvil.chainId),
      testUsd: true,
    });
    const record: SavedDeployment = {
      schema: deploymentSchemaVersion,
      chainId: anvil.chainId,
      plaza: deployment.plaza,
      testUsd: deployment.testUsd ?? null,
    };
    writeFileSync(deploymentFile, `${JSON.stringify(record, null, 2)}\n`);
    logger.info('deployed Plaza on the local anvil', { ...record });
    return connection(anvil, deployment.plaza, deployment.testUsd ?? null);
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

function connection(
  anvil: AnvilInstance,
  plaza: `0x${string}`,
  testUsd: `0x${string}` | null,
): ChainConnection {
  return {
    rpcUrl: anvil.rpcUrl,
    chainId: anvil.chainId,
    plaza,
    testUsd,
    isLocal: true,
    stop: anvil.stop,
  };
}

function readSavedDeployment(file: string): SavedDeployment | null {
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as SavedDeployment;
    return parsed.schema === deploymentSchemaVersion ? parsed : null;
  } catch {
    return null;
  }
}

async function readChainId(rpcUrl: string): Promise<number> {
  return createPublicClient({ transport: http(rpcUrl) }).getChainId();
}

async function hasCode(rpcUrl: string, address: string): Promise<boolean> {
  const code = await createPublicClient({ transport: http(rpcUrl) }).getCode({
    address: getAddress(address),
  });
  return code !== undefined && code !== '0x';
}
