import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { plazaAbi } from '@plaza/contracts';
import { type Address, encodeFunctionData, type Hex, parseEventLogs, zeroAddress } from 'viem';
import { AppError } from '../errors.ts';
import type { DatasetDefaults } from './governance-config.ts';
import type { PublisherSession } from './publisher-session.ts';

/** Where a campaign's on-chain dataset is recorded, beside its versions. */
interface DatasetRecord {
  chainId: number;
  plaza: Address;
  datasetId: string;
  txHash: Hex;
}

/**
 * The campaign's dataset id on chain, registering it the first time with `defaults` (recorded in
 * `<campaignDir>/dataset.json` for this chain and contract). The registration is simulated first,
 * so a refusal names the contract's error, then sent at most once, even if the answer is lost or
 * the process dies before dataset.json is written.
 */
export async function ensureDataset(
  session: PublisherSession,
  defaults: DatasetDefaults,
  campaignDir: string,
): Promise<bigint> {
  const { account, contract, pub, read, sendCall } = session;
  const file = join(campaignDir, 'dataset.json');
  const saved = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as DatasetRecord)
    .catch(() => null);
  if (saved && saved.chainId === session.chainId && saved.plaza === session.plaza) {
    return BigInt(saved.datasetId);
  }
  const d = defaults;
  const args = [
    {
      publisher: account.address,
      votingDelay: d.votingDelay,
      votingPeriod: d.votingPeriod,
      quorumBps: d.quorumBps,
      rootTimelock: d.rootTimelock,
      claimPeriodDays: d.claimPeriodDays,
      maxLicenseDuration: d.maxLicenseDuration,
      feeBps: 0,
      feeRecipient: zeroAddress,
      sweepTo: d.sweepTo ?? account.address,
      paymentTokens: d.paymentTokens,
    },
  ] as const;
  await read(() =>
    pub.simulateContract({ ...contract, account, functionName: 'registerDataset', args }),
  );
  const receipt = await sendCall(
    join(campaignDir, 'dataset.intent.json'),
    'the dataset registration',
    encodeFunctionData({ abi: plazaAbi, functionName: 'registerDataset', args }),
  );
  const txHash = receipt.transactionHash;
  const [event] = parseEventLogs({
    abi: plazaAbi,
    eventName: 'DatasetRegistered',
    logs: receipt.logs,
  });
  if (!event) throw new AppError('UNAVAILABLE', `No DatasetRegistered event in ${txHash}.`);
  const datasetId = event.args.datasetId;
  const record: DatasetRecord = {
    chainId: session.chainId,
    plaza: session.plaza,
    datasetId: String(datasetId),
    txHash,
  };
  await writeFile(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return datasetId;
}
