import { createCoordinatorClient, type LabelTask } from '@plaza/protocol';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';

/** A labeler in the demo: a wallet key, and how they answer. */
export interface DemoLabeler {
  name: string;
  privateKey: Hex;
  /** The class index this labeler gives a task. */
  choose: (task: LabelTask, nth: number) => number;
}

/** What one labeler did. */
export interface LabelerTally {
  name: string;
  address: `0x${string}`;
  /** Labels stored by the coordinator. */
  labels: number;
  /** The labeler's session. */
  sessionToken: string;
}

/** Options of {@link labelItems}. */
export interface LabelItemsOptions {
  baseUrl: string;
  campaignId: string;
  labelers: readonly DemoLabeler[];
  /** Items each labeler must label (with an overlap of one label per labeler per item). */
  items: number;
  deadlineMs: number;
  onProgress?: (labels: number) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Signs each labeler in with Sign-In with Ethereum (the nonce, an EIP-4361 message, a
 * `personal_sign` signature, as the web app does with a wallet), then labels through the labeling
 * API, in parallel, until each has labeled `items` items: lease tasks, answer, submit.
 */
export async function labelItems(options: LabelItemsOptions): Promise<LabelerTally[]> {
  const deadline = Date.now() + options.deadlineMs;
  let total = 0;
  return Promise.all(
    options.labelers.map(async (labeler) => {
      const account = privateKeyToAccount(labeler.privateKey);
      const anonymous = createCoordinatorClient({ baseUrl: options.baseUrl });
      const nonce = await anonymous.authNonce();
      const message = createSiweMessage({
        address: account.address,
        chainId: nonce.chainId,
        domain: nonce.domain,
        nonce: nonce.nonce,
        uri: nonce.uri ?? `http://${nonce.domain}/`,
        version: '1',
        statement: 'Sign in to Plaza to label data.',
        issuedAt: new Date(),
      });
      const session = await anonymous.signIn({
        message,
        signature: await account.signMessage({ message }),
      });
      const client = createCoordinatorClient({
        baseUrl: options.baseUrl,
        sessionToken: session.token,
      });
      const tally: LabelerTally = {
        name: labeler.name,
        address: account.address,
        labels: 0,
        sessionToken: session.token,
      };
      while (tally.labels < options.items) {
        if (Date.now() > deadline) {
          throw new Error(
            `${labeler.name} labeled ${tally.labels} of ${options.items} items before the deadline.`,
          );
        }
        const { tasks } = await client.leaseTasks({ campaignId: options.campaignId, max: 10 });
        if (tasks.length === 0) {
          // Items become tasks in the background (every two seconds).
          await sleep(300);
          continue;
        }
        const { results } = await client.submitLabels({
          labels: tasks.map((task, i) => ({
            clientId: crypto.randomUUID(),
            revision: 0,
            itemId: task.itemId,
            value: { kind: 'classification', class: labeler.choose(task, tally.labels + i) },
            durationMs: 4000,
            prelabelShown: false,
          })),
        });
        const stored = results.filter((r) => r.status === 'stored').length;
        tally.labels += stored;
        total += stored;
        options.onProgress?.(total);
      }
      return tally;
    }),
  );
}
