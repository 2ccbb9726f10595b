import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The portal's build: web/ → web/dist, content-hashed assets under /assets/ (served immutable by the gateway). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // Production JSX: the development transform (which the build otherwise picked) put every element's source file path, line and column into the bundle.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts is loaded by the annual-report page only (a dynamic import): its chunk is large on purpose.
    chunkSizeWarningLimit: 1200,
  },
});
