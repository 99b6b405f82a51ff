import { defineConfig, type UserConfig } from 'vite';
import { resolve } from 'node:path';

// One Vite config, three builds (see package.json "build"):
//   --mode app      widget/app/main.tsx  → dist/widget/app.js (ES module, lazy-loaded by the loader)
//   --mode loader   widget/loader.ts     → dist/widget.js      (classic script, the one tag sites embed)
//   --mode console  console/index.html   → dist/console/       (agent and editor console)
const root = import.meta.dirname;
const preactJsx = { oxc: { jsx: { runtime: 'automatic' as const, importSource: 'preact' } } };

export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'loader') {
    return {
      ...preactJsx,
      build: {
        outDir: resolve(root, 'dist'),
        emptyOutDir: false,
        target: 'es2019',
        lib: { entry: resolve(root, 'widget/loader.ts'), formats: ['iife'], name: 'PorsanLoader', fileName: () => 'widget.js' },
      },
    };
  }
  if (mode === 'app') {
    return {
      ...preactJsx,
      build: {
        outDir: resolve(root, 'dist/widget'),
        emptyOutDir: false,
        // Loaded with import(), so every browser that runs it has ES2020; no down-levelling of ?. and ??.
        target: 'es2020',
        // Lib mode keeps whitespace in ES output (for re-bundling); this file is served as is
        // and counts against the widget's size budget, so minify it fully.
        minify: true,
        // Stable chunk names (fa.js, ar.js, en.js) so the loader can fetch the locale in parallel.
        rolldownOptions: { output: { minify: true, chunkFileNames: '[name].js' } },
        lib: { entry: resolve(root, 'widget/app/main.tsx'), formats: ['es'], fileName: () => 'app.js' },
      },
    };
  }
  // console
  return {
    ...preactJsx,
    root: resolve(root, 'console'),
    base: '/console/',
    build: { outDir: resolve(root, 'dist/console'), emptyOutDir: true },
  };
});
