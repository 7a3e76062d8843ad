/** One measured keypress: the key and the milliseconds until the next item was on screen. */
export interface LatencySample {
  key: string;
  ms: number;
}

declare global {
  interface Window {
    /** Keypress → next item rendered, read by the benchmark harness. */
    __plazaLatency?: LatencySample[];
  }
}

/** Appends a sample to `window.__plazaLatency`, creating the array when missing. */
export function recordLatency(sample: LatencySample, target: Window = window): void {
  if (!Array.isArray(target.__plazaLatency)) target.__plazaLatency = [];
  target.__plazaLatency.push(sample);
}
