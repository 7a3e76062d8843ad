import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

/** The coordinator `vite dev` forwards API calls to, unless `PLAZA_API_URL` says otherwise. */
const defaultApiUrl = 'http://127.0.0.1:8787';

export default defineConfig(({ mode }) => {
  // Only the dev server reads this; nothing from it reaches the bundle.
  const env = loadEnv(mode, process.cwd(), 'PLAZA_');
  const target = process.env.PLAZA_API_URL ?? env.PLAZA_API_URL ?? defaultApiUrl;
  return {
    plugins: [react()],
    // Relative asset URLs: the coordinator may serve the app from any path, and routing is by hash.
    base: './',
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
      rolldownOptions: {
        // The protocol package and tldts declare no `sideEffects`, so everything they export would
        // ship (the egress checks and the public suffix list among it). Their modules only define
        // things; dropping what the app does not import is safe.
        treeshake: {
          moduleSideEffects: (id: string) =>
            !/[\\/](coordinator[\\/]protocol|tldts[^\\/]*)[\\/]/.test(id),
        },
      },
    },
    server: {
      proxy: {
        '/v1': { target, changeOrigin: true },
        '/healthz': { target, changeOrigin: true },
      },
    },
  };
});
