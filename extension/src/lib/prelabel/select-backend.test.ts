import { describe, expect, it } from 'vitest';
import { selectBackend } from './select-backend.ts';

function fakeTf(working: string[]) {
  const tried: string[] = [];
  return {
    tried,
    tf: {
      setBackend: async (name: string) => {
        tried.push(name);
        if (name === 'broken') throw new Error('boom');
        return working.includes(name);
      },
      ready: async () => {},
    },
  };
}

describe('selectBackend', () => {
  it('takes WebGPU when there is an adapter', async () => {
    const { tf, tried } = fakeTf(['webgpu', 'wasm', 'cpu']);
    expect(await selectBackend(tf, undefined, true)).toBe('webgpu');
    expect(tried).toEqual(['webgpu']);
  });

  it('falls back to wasm, then cpu', async () => {
    const noGpu = fakeTf(['wasm', 'cpu']);
    expect(await selectBackend(noGpu.tf, undefined, false)).toBe('wasm');
    expect(noGpu.tried).toEqual(['wasm']);
    const adapterFails = fakeTf(['cpu']);
    expect(await selectBackend(adapterFails.tf, undefined, true)).toBe('cpu');
    expect(adapterFails.tried).toEqual(['webgpu', 'wasm', 'cpu']);
  });

  it('runs only the backend asked for, and says why none started', async () => {
    const { tf } = fakeTf(['wasm']);
    await expect(selectBackend(tf, ['cpu'], true)).rejects.toThrow(/cpu: did not start/);
    await expect(selectBackend(tf, ['webgpu'], false)).rejects.toThrow(/no navigator.gpu/);
  });
});
