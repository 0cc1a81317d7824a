// Vite build of the web UI into dist/, which the server serves at `/`.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [preact()],
  // Relative asset URLs so the bundle works wherever the server mounts it.
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 300 },
  server: { proxy: { '/v1': 'http://127.0.0.1:4000' } },
});
