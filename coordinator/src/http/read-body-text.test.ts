import { describe, expect, it } from 'vitest';
import type { BodyGate } from './body-gate.ts';
import { defaultBodyLimits, readBodyText, UNGATED_BODY_BYTES } from './read-body-text.ts';

/** A gate that counts the turns asked for and gives them only when `open` is called. */
function heldGate() {
  const waiting: (() => void)[] = [];
  let asked = 0;
  const gate: BodyGate = {
    turn() {
      asked++;
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    get waiting() {
      return waiting.length;
    },
  };
  return {
    gate,
    asked: () => asked,
    open: () => {
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

/**
 * A POST whose body streams in the given chunks, with its declared length unless `undeclared`,
 * or the length `declared` says (a lie, as a client could tell an adapter that does not check it).
 */
function post(
  chunks: string[],
  options: { undeclared?: boolean; declared?: number } = {},
): Request {
  const bytes = chunks.map((c) => new TextEncoder().encode(c));
  const length = bytes.reduce((n, b) => n + b.byteLength, 0);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const b of bytes) controller.enqueue(b);
      controller.close();
    },
  });
  return new Request('http://coordinator.test/v1/leases', {
    method: 'POST',
    body,
    duplex: 'half',
    headers: options.undeclared ? {} : { 'content-length': String(options.declared ?? length) },
  } as RequestInit);
}

describe('readBodyText and the body gate', () => {
  it('reads a small declared body while every turn of the gate is taken by uploads', async () => {
    const held = heldGate();
    const body = await readBodyText(post(['{"max":', '4}']), defaultBodyLimits, held.gate);
    expect(JSON.parse(body.text)).toEqual({ max: 4 });
    expect(held.asked()).toBe(0);
  });

  it('makes a large body wait for a turn per chunk, and none for the read that ends it', async () => {
    const held = heldGate();
    const half = 'x'.repeat(UNGATED_BODY_BYTES);
    const reading = readBodyText(post([`"${half}`, `${half}"`]), defaultBodyLimits, held.gate);
    let done = false;
    void reading.then(() => {
      done = true;
    });
    // Each turn is given only when asked for: the read stops until the gate opens.
    for (let turns = 1; turns <= 2; turns++) {
      await expect.poll(() => held.gate.waiting).toBe(1);
      expect(done).toBe(false);
      held.open();
    }
    const body = await reading;
    expect(body.text).toHaveLength(2 * UNGATED_BODY_BYTES + 2);
    expect(held.asked()).toBe(2);
  });

  it('gates a body without a declared length, even a small one', async () => {
    const held = heldGate();
    const reading = readBodyText(post(['{}'], { undeclared: true }), defaultBodyLimits, held.gate);
    await expect.poll(() => held.gate.waiting).toBe(1);
    held.open();
    await expect.poll(() => held.gate.waiting).toBe(1);
    held.open();
    expect((await reading).text).toBe('{}');
  });

  it('takes turns again once a body streams past the small length it declared', async () => {
    const held = heldGate();
    const big = 'x'.repeat(2 * UNGATED_BODY_BYTES);
    const reading = readBodyText(
      post(['"', big, '"'], { declared: 10 }),
      defaultBodyLimits,
      held.gate,
    );
    await expect.poll(() => held.gate.waiting).toBe(1);
    held.open();
    await expect.poll(() => held.gate.waiting).toBe(1);
    held.open();
    expect((await reading).text).toHaveLength(big.length + 2);
    expect(held.asked()).toBe(2);
  });
});
