import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The public site: plain TypeScript, built into web/dist, which `saylau serve` serves at `/`. Of
 * src/ it sees only the shared module (docs/site.md, "Boundaries").
 */
export default defineConfig({
  root: 'web',
  resolve: { alias: { '@saylau/web-shared': fileURLToPath(new URL('src/web-shared.ts', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
