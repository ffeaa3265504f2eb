/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CROSS_ORIGIN_ISOLATION, CSP, EVERY_RESPONSE } from './deploy/headers.mjs';
import { siteUrl, socialTags } from './deploy/site.mjs';

/**
 * The Content-Security-Policy (deploy/headers.mjs) as a <meta> in the built index.html, which guards the page
 * on any static host. Only in the build, because the dev server injects inline scripts (React refresh) that
 * a strict policy would block.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'recplay-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/** og:image (absolute when RECPLAY_SITE_URL says where the site lives) and og:url: deploy/site.mjs. */
function socialCard(): Plugin {
  const site = siteUrl(process.env.RECPLAY_SITE_URL);
  return { name: 'recplay-social-card', transformIndexHtml: () => socialTags(site) };
}

export default defineConfig({
  // './' resolves every asset, worker and wasm file from the page's own address, so one dist/ works at any
  // path (a GitHub project page at /recplay/ as well as a domain's root). RECPLAY_BASE sets a fixed one.
  base: process.env.RECPLAY_BASE || './',
  plugins: [react(), contentSecurityPolicy(), socialCard()],
  // A worker obeys only the policy of its own response, so `vite preview` (the e2e tests, `npm start`) sends
  // the headers a host should send.
  preview: { headers: { ...EVERY_RESPONSE } },
  // The dev server skips the policy (React refresh injects inline scripts) but isolates, so wasm threads run.
  server: { headers: { ...CROSS_ORIGIN_ISOLATION } },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2500,
    // The pthread worker script (3 KB) must stay a file: as a data: URL the policy's worker-src refuses it.
    assetsInlineLimit: (file) => (file.endsWith('threadedWorker.generated.js') ? false : undefined),
  },
  test: {
    // Component tests (*.test.tsx) run in happy-dom, each by its `// @vitest-environment happy-dom` line (jsdom
    // took twice the CPU); every other test runs in Node.
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts', 'deploy/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
