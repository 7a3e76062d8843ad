import type { Hex } from 'viem';
import type { PublisherSession } from './publisher-session.ts';

/**
 * Commits a version's rows root on chain, as the data of a transaction from the publisher to
 * itself (sent at most once, remembered in `intentFile`), and answers with the hash of the
 * block that included it: attribution rule v2's beacon, unknown to anyone before the rows
 * were fixed.
 */
export async function commitBeacon(
  session: PublisherSession,
  intentFile: string,
  rowsRoot: Hex,
): Promise<{
  kind: 'block';
  value: Hex;
  chainId: number;
  blockNumber: string;
  txHash: Hex;
}> {
  const { account, sendCall } = session;
  const receipt = await sendCall(intentFile, 'the rows root commitment', rowsRoot, account.address);
  return {
    kind: 'block',
    value: receipt.blockHash,
    chainId: session.chainId,
    blockNumber: String(receipt.blockNumber),
    txHash: receipt.transactionHash,
  };
}
