import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type InlineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the built web app goes; the server serves this folder at /. */
export const WEB_ROOT = here;
export const WEB_DIST = path.join(here, 'dist');

/** nhsuk-frontend's CSS points at its icons as /assets/images/...; they are bundled from the package. */
const NHSUK_IMAGES = path.resolve(here, '../node_modules/nhsuk-frontend/dist/nhsuk/assets/images');

/**
 * nhsuk-frontend still carries old-IE hacks (`@media screen\0 ...`) that no current browser applies
 * and that the CSS minifier rejects; they become `@media not all`, which means the same thing today.
 */
function dropOldIeHacks(): Plugin {
  return {
    name: 'seamless:nhsuk-drop-old-ie-hacks',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('nhsuk-frontend') || !id.split('?')[0]!.endsWith('.css')) return null;
      return { code: code.replace(/@media screen\\0[^{]*\{/g, '@media not all{'), map: null };
    },
  };
}

/** The one Vite configuration, used by `vite` / `vite build web` and by buildWebApp(). */
export const webConfig: InlineConfig = {
  root: here,
  base: '/',
  publicDir: false,
  plugins: [dropOldIeHacks(), react()],
  resolve: { alias: [{ find: /^\/assets\/images\//, replacement: `${NHSUK_IMAGES}/` }] },
  build: { outDir: WEB_DIST, emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1024 },
  server: {
    // `npx vite web` for development, next to `npm start` (or `seamless serve`) on port 3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
};

export default defineConfig(webConfig);
