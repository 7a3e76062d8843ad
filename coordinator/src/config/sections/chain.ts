import { z } from 'zod';
import { documented } from '../config-meta.ts';
import { intString, privateKeySchema } from '../env-types.ts';

/** Configuration, Chain: each variable with its type, default and docs (spread into `configSchema`). */
export const chainConfig = {
  PLAZA_CHAIN: documented(z.enum(['anvil', 'rpc', 'off']).default('anvil'), {
    section: 'chain',
    description:
      '`anvil`: a local chain in the data dir with the contracts deployed on first start; `rpc`: `PLAZA_RPC_URL`; `off`: no chain',
  }),
  PLAZA_CHAIN_ID: documented(intString(1, Number.MAX_SAFE_INTEGER).default(31337), {
    section: 'chain',
    description: 'chain id bound into every EIP-712 signature',
  }),
  PLAZA_ANVIL_PORT: documented(intString(0, 65535).default(8545), {
    section: 'chain',
    description:
      'port of the local anvil with `PLAZA_CHAIN=anvil`, fixed so wallets keep the network across restarts (`0`: any free port)',
  }),
  PLAZA_PUBLIC_RPC_URL: documented(z.string().url().optional(), {
    section: 'chain',
    description:
      "JSON-RPC URL the web app offers wallets when adding the chain (never `PLAZA_RPC_URL`, which may hold a provider's key)",
    shownDefault: "the local anvil's URL; none with `PLAZA_CHAIN=rpc`",
  }),
  PLAZA_RPC_URL: documented(z.string().url().optional(), {
    section: 'chain',
    description: 'JSON-RPC URL of the chain with `PLAZA_CHAIN=rpc` (and of `plaza verify --rpc`)',
  }),
  PLAZA_CONTRACT_ADDRESS: documented(
    z
      .string()
      .regex(/^0x[0-9a-fA-F]{40}$/, 'expected an address')
      .optional(),
    { section: 'chain', description: 'an existing Plaza deployment on that chain' },
  ),
  PLAZA_DEPLOYER_KEY: documented(privateKeySchema.optional(), {
    section: 'chain',
    description: 'key that deploys Plaza there when no `PLAZA_CONTRACT_ADDRESS` is given',
  }),
  PLAZA_PUBLISHER_KEY: documented(privateKeySchema.optional(), {
    section: 'chain',
    description: 'key that registers datasets and publishes versions',
    shownDefault: "anvil's first account locally, else `PLAZA_DEPLOYER_KEY`",
  }),
  PLAZA_CHAIN_CONFIRMATIONS: documented(intString(0, 1000).optional(), {
    section: 'chain',
    description: 'blocks on top of a block before the indexer reads it',
    shownDefault: '0 on a local anvil, else 12',
  }),
};
