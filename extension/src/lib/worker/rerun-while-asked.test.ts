import { describe, expect, it } from 'vitest';
import { rerunWhileAsked } from './rerun-while-asked.ts';

describe('rerunWhileAsked', () => {
  it('joins a running session and runs once more after it, handing every caller the last result', async () => {
    const gates: (() => void)[] = [];
    let sessions = 0;
    const run = rerunWhileAsked(async () => {
      const n = ++sessions;
      await new Promise<void>((resolve) => gates.push(resolve));
      return n;
    });
    const first = run();
    const second = run();
    const third = run();
    expect(sessions).toBe(1);
    gates.shift()!();
    await Promise.resolve();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(sessions).toBe(2);
    gates.shift()!();
    expect(await Promise.all([first, second, third])).toEqual([2, 2, 2]);
    expect(sessions).toBe(2);
  });

  it('starts afresh once the last session ended, and a failed session does not block the next', async () => {
    let calls = 0;
    const run = rerunWhileAsked(async () => {
      calls++;
      if (calls === 1) throw new Error('boom');
      return calls;
    });
    await expect(run()).rejects.toThrow('boom');
    expect(await run()).toBe(2);
  });

  it('folds the rounds with combine when asked to', async () => {
    const gates: (() => void)[] = [];
    let round = 0;
    const run = rerunWhileAsked(
      async () => {
        round++;
        await new Promise<void>((resolve) => gates.push(resolve));
        return round * 10;
      },
      (previous, next) => previous + next,
    );
    const first = run();
    const joined = run();
    gates.shift()!();
    await new Promise<void>((resolve) => setImmediate(resolve));
    gates.shift()!();
    expect(await first).toBe(30);
    expect(await joined).toBe(30);
  });
});
