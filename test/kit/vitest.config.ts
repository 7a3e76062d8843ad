import { defineConfig } from 'vitest/config';

// Each benchmark runs in a child Node process with tsx: a second or two apiece.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 60_000 } });
