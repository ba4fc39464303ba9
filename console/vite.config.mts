import { defineConfig } from 'vite';

// The console is served by the service itself at `/` from dist/console (paths are relative to the
// repository root, where npm runs its scripts).
export default defineConfig({
  root: 'console',
  base: '/',
  // The typed client's source; the type-check reads its declarations (tsconfig.client.json).
  resolve: { alias: { 'fabric-client': new URL('../src/client/index.ts', import.meta.url).pathname } },
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // React libraries mark their modules "use client" for server-component bundlers; meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
});
