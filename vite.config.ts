import { defineConfig } from 'vite';

/** The public site: plain TypeScript, built into web/dist, which `saylau serve` serves at `/`. */
export default defineConfig({
  root: 'web',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
