import { writeFile } from 'node:fs/promises';
import { type GeneratePagesOptions, generatePages } from '../harness/generate-pages.ts';
import {
  type DeviceLoadResult,
  type HeldReceipt,
  runDeviceLoad,
} from '../harness/run-device-load.ts';

/** What `scaleout.bench.ts` asks of this process (JSON in `SCALEOUT_LOAD_CONFIG`). */
export interface ScaleoutLoadConfig {
  /** The round-robin front. */
  baseUrl: string;
  devices: number;
  /** Devices lease for this long after they all registered (warm-up and measured window). */
  durationMs: number;
  /** The generated site, rebuilt here from the same options as the campaign's seeds. */
  site: GeneratePagesOptions;
  /** Where to write the result (JSON of {@link ScaleoutLoadOutput}). */
  outFile: string;
  /** A label for the progress lines. */
  label: string;
  seed: number;
}

/** The serialized {@link runDeviceLoad} result. */
export type ScaleoutLoadOutput = Omit<DeviceLoadResult, 'receipts' | 'remaining'> & {
  receipts: [string, HeldReceipt][];
  /** URLs of the site no device holds a receipt for (most of them: the site outlasts the run). */
  remaining: number;
};

/**
 * The devices of `scaleout.bench.ts`, in their own process so that their signing and HTTP work
 * does not share a thread with the front whose answers they time. Prints a progress line every
 * 5 s and writes what the devices saw to `outFile`.
 */
async function main(): Promise<void> {
  const config = JSON.parse(process.env.SCALEOUT_LOAD_CONFIG ?? '') as ScaleoutLoadConfig;
  const site = generatePages(config.site);
  let lastReceipts = 0;
  let lastAt = 0;
  console.log(`  ${config.label}: registering ${config.devices} devices`);
  const result = await runDeviceLoad({
    baseUrl: config.baseUrl,
    devices: config.devices,
    pages: site.byUrl,
    durationMs: config.durationMs,
    retryGraceMs: 20_000,
    seed: config.seed,
    onProgress: (p) => {
      const rate = ((p.receipts - lastReceipts) / (p.elapsedMs - lastAt)) * 1000;
      lastReceipts = p.receipts;
      lastAt = p.elapsedMs;
      console.log(
        `  ${config.label}: ${(p.elapsedMs / 1000).toFixed(0)} s, ${p.receipts} receipts ` +
          `(${rate.toFixed(0)}/s now), ${p.leasedJobs} jobs leased, ${p.requestErrors} failed requests`,
      );
    },
  });
  console.log(
    `  ${config.label}: ${config.devices} devices registered in ${(result.registerMs / 1000).toFixed(1)} s`,
  );
  const output: ScaleoutLoadOutput = {
    ...result,
    receipts: [...result.receipts],
    remaining: result.remaining.size,
  };
  await writeFile(config.outFile, JSON.stringify(output));
}

await main();
