import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { SubmitContributionsResponse } from '@plaza/protocol';
import type { Submitter } from './ingest-workload.ts';

/** What `submitBodies` asks of this process (JSON in `SUBMIT_LOAD_CONFIG`). */
export interface SubmitLoadConfig {
  url: string;
  /** A JSON file holding the `Submitter[]` to send. */
  file: string;
  /** How to count an answer: Plaza's receipts and error codes, or the plain endpoint's `stored`. */
  answers: 'plaza' | 'plain';
}

/** What this process prints as `SUBMIT_LOAD_RESULT <json>`. */
export interface SubmitLoadResult {
  contributions: number;
  seconds: number;
  /** Outcome or error code → count. */
  outcomes: Record<string, number>;
  batchMs: number[];
}

/**
 * The ingest load generator, run in its own process so that sending the bodies does not share a
 * thread (or a CPU figure) with the coordinator it measures. It reads the prepared bodies, prints
 * `SUBMIT_LOAD_READY`, waits for a line on stdin, then sends every submitter's bodies (the
 * submitters at once, each one batch after the other) and prints what it measured.
 */
async function main(): Promise<void> {
  const config = JSON.parse(process.env.SUBMIT_LOAD_CONFIG ?? '') as SubmitLoadConfig;
  const submitters = JSON.parse(await readFile(config.file, 'utf8')) as Submitter[];
  const countOf = config.answers === 'plaza' ? plazaOutcomes : plainOutcomes;
  const lines = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
  process.stdout.write('SUBMIT_LOAD_READY\n');
  await go;
  lines.close();

  const outcomes: Record<string, number> = {};
  const batchMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    submitters.map(async ({ token, bodies }) => {
      for (const body of bodies) {
        const sent = performance.now();
        const response = await fetch(config.url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        const answer: unknown = await response.json();
        batchMs.push(performance.now() - sent);
        if (!response.ok) throw new Error(`Batch refused: ${JSON.stringify(answer)}`);
        for (const [key, n] of countOf(answer)) outcomes[key] = (outcomes[key] ?? 0) + n;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const contributions = Object.values(outcomes).reduce((a, b) => a + b, 0);
  const result: SubmitLoadResult = { contributions, seconds, outcomes, batchMs };
  process.stdout.write(`SUBMIT_LOAD_RESULT ${JSON.stringify(result)}\n`);
}

function plazaOutcomes(answer: unknown): [string, number][] {
  const counts = new Map<string, number>();
  for (const result of (answer as SubmitContributionsResponse).results) {
    const key = result.ok ? result.receipt.outcome : result.error.code;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts];
}

function plainOutcomes(answer: unknown): [string, number][] {
  return [['stored', (answer as { stored: number }).stored]];
}

await main();
