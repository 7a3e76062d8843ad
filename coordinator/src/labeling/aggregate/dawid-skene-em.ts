// The EM of dawidSkene (dawid-skene.ts): its state and its steps, over dense typed arrays.

/** The EM state: annotations as dense indexes and the current parameters. */
export interface Model {
  K: number;
  smoothing: number;
  itemOf: Int32Array;
  labelerOf: Int32Array;
  labelOf: Int32Array;
  /** `conf[(j*K + k)*K + l]`: P(labeler j says l | true class k). */
  conf: Float64Array;
  logConf: Float64Array;
  priors: Float64Array;
  logPriors: Float64Array;
}

/** M-step: confusion rows and priors from the posteriors `T`, with the Dirichlet pseudo-counts. */
function maximizationStep(model: Model, T: Float64Array): void {
  const { K, smoothing, itemOf, labelerOf, labelOf, conf, logConf, priors, logPriors } = model;
  conf.fill(smoothing);
  for (let a = 0; a < itemOf.length; a++) {
    const base = labelerOf[a]! * K * K + labelOf[a]!;
    const row = itemOf[a]! * K;
    for (let k = 0; k < K; k++) conf[base + k * K]! += T[row + k]!;
  }
  for (let r = 0; r < conf.length; r += K) {
    let sum = 0;
    for (let l = 0; l < K; l++) sum += conf[r + l]!;
    for (let l = 0; l < K; l++) {
      const p = conf[r + l]! / sum;
      conf[r + l] = p;
      logConf[r + l] = Math.log(p);
    }
  }
  priors.fill(smoothing);
  for (let x = 0; x < T.length; x += K) {
    for (let k = 0; k < K; k++) priors[k]! += T[x + k]!;
  }
  const total = T.length / K + K * smoothing;
  for (let k = 0; k < K; k++) {
    priors[k]! /= total;
    logPriors[k] = Math.log(priors[k]!);
  }
}

/**
 * E-step: writes each item's posterior into `out`, summing log-probabilities and normalising with
 * log-sum-exp so that no product of many small numbers underflows. Returns the log-likelihood.
 */
function expectationStep(model: Model, out: Float64Array): number {
  const { K, itemOf, labelerOf, labelOf, logConf, logPriors } = model;
  for (let x = 0; x < out.length; x += K) {
    for (let k = 0; k < K; k++) out[x + k] = logPriors[k]!;
  }
  for (let a = 0; a < itemOf.length; a++) {
    const base = labelerOf[a]! * K * K + labelOf[a]!;
    const row = itemOf[a]! * K;
    for (let k = 0; k < K; k++) out[row + k]! += logConf[base + k * K]!;
  }
  let logLikelihood = 0;
  for (let x = 0; x < out.length; x += K) {
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < K; k++) max = Math.max(max, out[x + k]!);
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(out[x + k]! - max);
      out[x + k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) out[x + k]! /= sum;
    logLikelihood += max + Math.log(sum);
  }
  return logLikelihood;
}

/** Alternates M- and E-steps from `start` until the log-likelihood settles; the final posteriors. */
export function runEm(
  model: Model,
  start: Float64Array,
  limits: { items: number; maxIterations: number; tolerance: number },
): { T: Float64Array; iterations: number; converged: boolean } {
  let T: Float64Array = start;
  let next: Float64Array = new Float64Array(T.length);
  let iterations = 0;
  let converged = limits.items === 0;
  let previous = Number.NEGATIVE_INFINITY;
  while (!converged && iterations < limits.maxIterations) {
    maximizationStep(model, T);
    const logLikelihood = expectationStep(model, next);
    [T, next] = [next, T];
    iterations++;
    // Stop when the log-likelihood settles (relative change). Item posteriors near a tie can keep
    // creeping for hundreds of iterations after the labelers' matrices have settled, which
    // changes no decision. A NaN never settles; the caller sees non-finite output and falls back.
    converged =
      Math.abs(logLikelihood - previous) <= limits.tolerance * Math.max(1, Math.abs(logLikelihood));
    previous = logLikelihood;
  }
  if (iterations === 0) maximizationStep(model, T);
  return { T, iterations, converged };
}
