import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import type { FigureProvenance } from './figure.ts';

/** The commit of the tree the benchmarks run on, `-dirty` when it has changes; `unknown` outside git. */
export function currentCommit(cwd: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd,
      encoding: 'utf8',
    });
    return status.trim() === '' ? head : `${head}-dirty`;
  } catch {
    return 'unknown';
  }
}

/** Provenance of a benchmark starting now on this machine. */
export function provenanceNow(commit: string, bench: string): FigureProvenance {
  const cpuList = cpus();
  return {
    commit,
    date: new Date().toISOString(),
    bench,
    machine: {
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverage: Number(loadavg()[0]!.toFixed(2)),
      node: process.version,
    },
  };
}
