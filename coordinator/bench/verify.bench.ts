import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import type { BenchFigure, BenchRun } from '@plaza/test-kit/bench';
import { chromiumPath } from '@plaza/test-kit/env';
import { seededRandom } from '@plaza/test-kit/random';
import { loadConfig } from '../src/config.ts';
import { verificationPolicy } from '../src/verify/verification-policy.ts';
import { type CatchSeries, renderVerifyChart } from './verify-chart.ts';
import { runVerificationPipeline } from './verify-pipeline.ts';
import { simulateDevice, simulateSwarm } from './verify-simulation.ts';
import { measureThroughput } from './verify-throughput.ts';

/** Pages re-fetched per throughput run. */
const CHEERIO_PAGES = 240;
const PLAYWRIGHT_PAGES = 40;
/** Honest pages that fail a re-fetch anyway in the simulation (changed beyond recognition). */
const HONEST_FAIL_RATE = 0.005;
const CONTRIBUTIONS = 100;
/** Devices of the real-pipeline run, and how many of them fabricate. */
const PIPELINE_DEVICES = 30;
const PIPELINE_CHEATERS = 10;

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

/**
 * Verification. Measured: the real pipeline (coordinator on PGlite, simulated devices through the
 * HTTP API, crawlee re-fetches through a local proxy, extraction, comparison, reputations and
 * quarantines) with 30 devices of 100 contributions, 10 of them fabricating 10 % of their pages,
 * while honest pages change (20 % lightly edited, 0.5 % replaced): `verify.detection_rate` (cheaters
 * quarantined) and `verify.false_positive_rate` (honest devices quarantined). Throughput of the same
 * pipeline in pages per second for CheerioCrawler and PlaywrightCrawler, with the share of honest,
 * lightly edited pages whose check failed. Modelled: the policy simulation (1,000 contributions
 * from 10 devices, 2 fabricating 10 %, run 2,000 times under the coordinator's own policy
 * functions) as `verify.policy.*`, and the probability of catching a cheater against the sample
 * rate next to 1 − (1 − p·f)^n, charted in bench/charts/verify-catch-rate.svg.
 */
export const run: BenchRun = async () => {
  const policy = verificationPolicy(loadConfig({}));
  return [
    ...(await pipelineFigures()),
    ...(await throughputFigures()),
    ...policyFigures(policy),
    await catchRateFigure(policy),
  ];
};

/** Chance of quarantining a cheater by sampling 3 % alone: 1 − (1 − p·f)^n. */
const theory3 = 1 - (1 - 0.03 * 0.1) ** CONTRIBUTIONS;

/** The real pipeline's detection and false positives (measured). */
async function pipelineFigures(): Promise<BenchFigure[]> {
  const pipeline = await runVerificationPipeline({
    devices: PIPELINE_DEVICES,
    cheaters: PIPELINE_CHEATERS,
    perDevice: CONTRIBUTIONS,
    fabricationRate: 0.1,
    editRate: 0.2,
    replaceRate: HONEST_FAIL_RATE,
    leaseMax: 10,
    seed: 14,
  });
  console.log(
    `verify: real pipeline, ${pipeline.contributions} contributions in ${pipeline.seconds.toFixed(0)} s: ` +
      `${pipeline.cheatersQuarantined}/${pipeline.cheaters} cheaters quarantined, ` +
      `${pipeline.honestQuarantined}/${pipeline.honest} honest devices quarantined, ` +
      `${pipeline.fabricatedExcluded}/${pipeline.fabricated} fabricated pages earn nothing, ` +
      `${pipeline.honestChecksFailed}/${pipeline.honestChecks} honest checks failed`,
  );
  return [
    {
      name: 'verify.detection_rate',
      value: round(pipeline.cheatersQuarantined / pipeline.cheaters),
      unit: 'ratio',
      better: 'higher',
      kind: 'measured',
      baseline: {
        name: 'sampling 3 % alone, theory 1 − (1 − p·f)^n',
        value: round(theory3),
        source: 'modelled',
      },
      target: { op: '>=', value: 0.9 },
    },
    {
      name: 'verify.false_positive_rate',
      value: round(pipeline.honestQuarantined / pipeline.honest),
      unit: 'ratio',
      better: 'lower',
      kind: 'measured',
      target: { op: '<=', value: 0.02 },
    },
    {
      name: 'verify.fabricated_excluded_rate',
      value: round(pipeline.fabricatedExcluded / Math.max(1, pipeline.fabricated)),
      unit: 'ratio',
      better: 'higher',
      kind: 'measured',
    },
    {
      name: 'verify.honest_check_failure_rate',
      value: round(pipeline.honestChecksFailed / Math.max(1, pipeline.honestChecks)),
      unit: 'ratio',
      better: 'lower',
      kind: 'measured',
    },
  ];
}

/** Re-fetch throughput with CheerioCrawler and (where Chromium is) PlaywrightCrawler. */
async function throughputFigures(): Promise<BenchFigure[]> {
  const cheerio = await measureThroughput('http', CHEERIO_PAGES);
  const figures: BenchFigure[] = [
    {
      name: 'verify.pages_per_s.cheerio',
      value: round(cheerio.pagesPerS, 1),
      unit: 'pages/s',
      better: 'higher',
      kind: 'measured',
    },
    {
      name: 'verify.check_false_positive_rate',
      value: round(cheerio.honestFailed),
      unit: 'ratio',
      better: 'lower',
      kind: 'simulated',
      target: { op: '<=', value: 0.01 },
    },
  ];
  if (existsSync(chromiumPath())) {
    const playwright = await measureThroughput('browser', PLAYWRIGHT_PAGES);
    figures.push({
      name: 'verify.pages_per_s.playwright',
      value: round(playwright.pagesPerS, 1),
      unit: 'pages/s',
      better: 'higher',
      kind: 'measured',
    });
  } else {
    console.log(`verify: no Chromium at ${chromiumPath()}, Playwright throughput skipped`);
  }

  return figures;
}

/** The policy simulation, with and without a verification lag (modelled). */
function policyFigures(policy: ReturnType<typeof verificationPolicy>): BenchFigure[] {
  const swarm = simulateSwarm({
    runs: 2000,
    devices: 10,
    cheaters: 2,
    perDevice: CONTRIBUTIONS,
    fabricationRate: 0.1,
    honestFailRate: HONEST_FAIL_RATE,
    verifyRate: 0.03,
    policy,
  });
  const times = [...swarm.timeToQuarantine].sort((a, b) => a - b);
  const lagged = simulateSwarm({
    runs: 2000,
    devices: 10,
    cheaters: 2,
    perDevice: CONTRIBUTIONS,
    fabricationRate: 0.1,
    honestFailRate: HONEST_FAIL_RATE,
    verifyRate: 0.03,
    policy,
    lag: 30,
    seed: 2,
  });
  const figures: BenchFigure[] = [
    {
      name: 'verify.policy.detection_rate',
      value: round(swarm.cheatersQuarantined / swarm.cheaters),
      unit: 'ratio',
      better: 'higher',
      kind: 'modelled',
      baseline: {
        name: 'sampling 3 % alone, theory 1 − (1 − p·f)^n',
        value: round(theory3),
        source: 'modelled',
      },
    },
    {
      name: 'verify.policy.false_positive_rate',
      value: round(swarm.honestQuarantined / swarm.honest),
      unit: 'ratio',
      better: 'lower',
      kind: 'modelled',
    },
    {
      name: 'verify.policy.fabricated_excluded_rate',
      value: round(swarm.fabricatedExcluded / swarm.fabricated),
      unit: 'ratio',
      better: 'higher',
      kind: 'modelled',
    },
    {
      name: 'verify.policy.time_to_quarantine_p50',
      value: times[Math.floor(times.length / 2)] ?? CONTRIBUTIONS,
      unit: 'contributions',
      better: 'lower',
      kind: 'modelled',
    },
    {
      name: 'verify.policy.detection_rate.lag30',
      value: round(lagged.cheatersQuarantined / lagged.cheaters),
      unit: 'ratio',
      better: 'higher',
      kind: 'modelled',
    },
  ];
  console.log(
    `verify: simulation of 2,000 × (10 devices × ${CONTRIBUTIONS}, 2 cheaters at 10 %): ` +
      `${swarm.cheatersQuarantined}/${swarm.cheaters} cheaters quarantined, ` +
      `${swarm.honestQuarantined}/${swarm.honest} honest devices (honest pages failing ${HONEST_FAIL_RATE}), ` +
      `${swarm.fabricatedExcluded}/${swarm.fabricated} fabricated pages earn nothing, ` +
      `quarantine after p50 ${times[Math.floor(times.length / 2)]} / p90 ${times[Math.floor(times.length * 0.9)]} contributions`,
  );

  return figures;
}

/** The catch-rate curves against theory: their largest error, and the chart. */
async function catchRateFigure(
  policy: ReturnType<typeof verificationPolicy>,
): Promise<BenchFigure> {
  const { series, maxError } = catchCurves(policy);
  const figure: BenchFigure = {
    name: 'verify.sampling_vs_theory_max_error',
    value: round(maxError),
    unit: 'abs',
    better: 'lower',
    kind: 'simulated',
    target: { op: '<=', value: 0.03 },
  };
  const charts = new URL('../../bench/charts/', import.meta.url);
  await mkdir(charts, { recursive: true });
  await writeFile(
    new URL('verify-catch-rate.svg', charts),
    renderVerifyChart(series, CONTRIBUTIONS),
  );
  return figure;
}

/** Catch probability within 100 contributions against p, for f = 0.05, 0.1, 0.2. */
function catchCurves(policy: ReturnType<typeof verificationPolicy>) {
  const rates = [0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3];
  const random = seededRandom(7);
  let maxError = 0;
  const series: CatchSeries[] = [0.05, 0.1, 0.2].map((f) => {
    const curve = (mode: 'sample' | 'policy', runs: number) =>
      rates.map((p) => {
        let caught = 0;
        for (let r = 0; r < runs; r++) {
          const outcome = simulateDevice({
            n: CONTRIBUTIONS,
            failRate: f,
            verifyRate: p,
            policy,
            random,
            mode,
          });
          if (outcome.quarantined) caught++;
        }
        return { p, caught: caught / runs };
      });
    const sampled = curve('sample', 4000);
    for (const point of sampled) {
      const theory = 1 - (1 - point.p * f) ** CONTRIBUTIONS;
      maxError = Math.max(maxError, Math.abs(point.caught - theory));
    }
    return { f, sampled, policy: curve('policy', 2000) };
  });
  for (const s of series) {
    console.log(
      `verify: f=${s.f} caught within ${CONTRIBUTIONS} at p=0.03: sampling ${s.sampled[3]!.caught.toFixed(3)} ` +
        `(theory ${(1 - (1 - 0.03 * s.f) ** CONTRIBUTIONS).toFixed(3)}), policy ${s.policy[3]!.caught.toFixed(3)}`,
    );
  }
  return { series, maxError };
}
