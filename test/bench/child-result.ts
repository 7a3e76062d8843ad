import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/**
 * What a bench's child process printed as `<marker> <json>`, once it exited with 0; rejects with
 * everything it printed when it failed or printed no such line. `onOutput` sees the output so
 * far after each chunk (to notice a readiness line).
 */
export function childResult<T>(
  child: ChildProcessByStdio<Writable | null, Readable, null>,
  marker: string,
  what: string,
  onOutput?: (output: string) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      onOutput?.(output);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const line = output.split('\n').find((l) => l.startsWith(`${marker} `));
      if (code !== 0 || !line) {
        reject(new Error(`${what} exited (${signal ?? code}):\n${output}`));
        return;
      }
      resolve(JSON.parse(line.slice(marker.length + 1)) as T);
    });
  });
}
