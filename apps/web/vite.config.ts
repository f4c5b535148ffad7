import { defineConfig } from 'vitest/config';

/** The web app: built into apps/web/dist, which the api serves at `/`. */
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    // `npm run web:dev` against an api on its default port.
    proxy: { '/api': 'http://localhost:3000' },
  },
  test: { include: ['src/**/*.test.{ts,tsx}'], environment: 'node' },
});
