import { defineConfig } from 'vitest/config';

/** The web app: built into apps/web/dist, which the api serves at `/`. */
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  esbuild: { jsx: 'automatic' },
  // Source maps are written for the operator, without a link from the scripts to them; the api
  // serves them only when SERVE_SOURCE_MAPS=true.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: 'hidden' },
  server: {
    // `npm run web:dev` against an api on its default port.
    proxy: { '/api': 'http://localhost:3000' },
  },
  test: { include: ['src/**/*.test.{ts,tsx}'], environment: 'node' },
});
