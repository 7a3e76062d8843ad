import type { PlazaChain } from './plaza-chain.ts';
import { createPlazaChainClients, type PlazaChainClientsParams } from './plaza-chain-clients.ts';
import { createPlazaReads, createTokenReads } from './plaza-chain-reads.ts';
import { createPlazaWrites } from './plaza-chain-writes.ts';

/** What {@link createPlazaChain} needs. */
export type CreatePlazaChainParams = PlazaChainClientsParams;

/**
 * A {@link PlazaChain} over viem clients on the injected wallet's transport: the Plaza and token
 * reads, and the writes that go through the wallet.
 */
export function createPlazaChain(params: CreatePlazaChainParams): PlazaChain {
  const clients = createPlazaChainClients(params);
  return {
    account: clients.account,
    chainId: clients.chainId,
    plaza: clients.plaza,
    ...createPlazaReads(clients),
    ...createTokenReads(clients),
    ...createPlazaWrites(clients),
  };
}
