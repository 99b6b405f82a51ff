import { defineConfig, type UserConfig } from 'vite';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { minify as terser } from 'terser';

// One Vite config, three builds (see package.json "build"):
//   --mode app      widget/app/main.tsx  → dist/widget/app.js (ES module, lazy-loaded by the loader),
//                   widget/proactive/main.ts → dist/widget/proactive-<hash>.js (the rules' evaluator, its own entry)
//   --mode loader   widget/loader.ts     → dist/widget.js      (classic script, the one tag sites embed)
//   --mode console  console/index.html   → dist/console/       (agent and editor console)
const root = import.meta.dirname;
const preactJsx = { oxc: { jsx: { runtime: 'automatic' as const, importSource: 'preact' } } };

/** Hashed chunks of the app build (which runs just before the loader's), by name: the loader
 * fetches preact and the page's locale alongside app.js instead of after it. */
function widgetChunks(): Record<string, string> {
  const dir = resolve(root, 'dist/widget');
  const out: Record<string, string> = {};
  for (const f of existsSync(dir) ? readdirSync(dir) : []) {
    const m = /^(preact|fa|ar|en|proactive)-[\w-]+\.js$/.exec(f);
    if (m) out[m[1]] = f;
  }
  return out;
}

/**
 * socket.io-client's long developer messages (errors no visitor reads), shortened in the widget's
 * build: the bytes go to features instead. Only whole string literals are replaced.
 */
const SHORT_ERRORS: [string, string][] = [
  ['It seems you are trying to reach a Socket.IO server in v2.x with a v3.x client, but they are not compatible (more information here: https://socket.io/docs/v3/migrating-from-2-x-to-3-0/)', 'server v2.x'],
  ["specifying both 'transportImplementations' and 'transports' options is not supported", 'transports'],
  ['got plaintext data when reconstructing a packet', 'plaintext'],
  ['got binary data when not reconstructing a packet', 'binary'],
];
const shortErrors = {
  name: 'porsan-short-errors',
  transform(code: string, id: string) {
    if (!/[\\/](socket|engine)\.io-(client|parser)[\\/]/.test(id)) return null;
    let out = code;
    for (const [long, short] of SHORT_ERRORS) out = out.split(long).join(short);
    return out === code ? null : { code: out, map: null };
  },
};

export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'loader') {
    return {
      ...preactJsx,
      // __PORSAN_SITE__ stays a string literal the server finds and replaces (server/http/widget-script.ts).
      define: { __PORSAN_CHUNKS__: JSON.stringify(widgetChunks()), __PORSAN_SITE__: JSON.stringify('__PORSAN_SITE__') },
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
      // A second pass after the bundler's own minifier: terser's multi-pass compression takes a
      // few hundred more bytes off the widget's first load (measured by bench/size.ts).
      plugins: [shortErrors, { name: 'porsan-terser', renderChunk: async (code) => (await terser(code, { module: true, compress: { passes: 3 }, format: { comments: false } })).code ?? code }],
      build: {
        outDir: resolve(root, 'dist/widget'),
        // dist/widget/ holds only this build's output (no stale chunks); widget.js sits outside it.
        emptyOutDir: true,
        // Loaded with import(), so every browser that runs it has ES2020; no down-levelling of ?. and ??.
        target: 'es2020',
        // Lib mode keeps whitespace in ES output (for re-bundling); this file is served as is
        // and counts against the widget's size budget, so minify it fully.
        minify: true,
        // Chunks are content-hashed (cacheable for good; app.js always names the matching ones)
        // and named so the loader build can find them: preact-…, fa-…, ar-…, en-…, extras-….
        rolldownOptions: {
          // Chunks loaded later (extras, files) import what they share with the app from app.js
          // itself, instead of the app being split into an extra chunk to fetch before it runs.
          preserveEntrySignatures: 'allow-extension',
          output: {
            minify: true,
            chunkFileNames: (c) => (/preact|jsxRuntime/.test(c.name) ? 'preact-[hash].js' : '[name]-[hash].js'),
            // Served to browsers as is: no /* @__PURE__ */ annotations or other comments.
            comments: false,
            // Preact apart, so the loader can fetch it alongside app.js instead of after it.
            codeSplitting: { groups: [{ name: 'preact', test: /node_modules[\\/]preact[\\/]/ }] },
            // The evaluator shares no module with the app (it must not drag a chunk in on every page).
            entryFileNames: (c) => (c.name === 'app' ? 'app.js' : '[name]-[hash].js'),
          },
        },
        lib: { entry: { app: resolve(root, 'widget/app/main.tsx'), proactive: resolve(root, 'widget/proactive/main.ts') }, formats: ['es'] },
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
