// The response headers recplay needs from a host, in one place (plain JavaScript, so that vite.config.ts,
// the tests and Node scripts can all import it; types in headers.d.mts). vite.config.ts puts the policy in
// the built index.html and sends these headers from `vite preview`; the ready files for static hosts
// (public/_headers for Netlify and Cloudflare Pages, vercel.json, deploy/nginx.conf) are written from here,
// and deploy/headers.test.ts fails when a committed one differs (`npx vitest run deploy -u` rewrites them).

/**
 * Content-Security-Policy: nothing may leave the page's origin. 'wasm-unsafe-eval' lets tfjs compile its
 * WebAssembly; no 'unsafe-eval' anywhere. Vite emits the workers as files of their own, so 'self' covers
 * them (no blob: workers). Every directive here also works in a <meta> (so no frame-ancestors, which a
 * <meta> ignores with a console error). A worker obeys only the policy of its own script's response: the
 * <meta> guards the page, and only a header guards the worker.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Cross-origin isolation, which gives the page SharedArrayBuffer and so tfjs-wasm's threaded module (one
 * thread per core, src/engine/wasmThreads.ts). With it the page may load nothing cross-origin that does not
 * opt in, which recplay never does. Without it (a host that does not send these) the app runs on one thread.
 */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * For every response: the policy, no MIME sniffing (a file served with the wrong type fails to load instead of
 * running as something else), and cross-origin isolation. The hosts below already send `.wasm` as
 * `application/wasm`, which tfjs needs to compile its binaries while they download.
 */
export const EVERY_RESPONSE = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  ...CROSS_ORIGIN_ISOLATION,
};

/** Vite names every file under assets/ by a hash of its content: a changed file gets a new name. */
export const HASHED_DIR = 'assets';
export const HASHED_ASSETS = { 'Cache-Control': 'public, max-age=31536000, immutable' };
// Everything else (index.html, the icons, the manifest) keeps the host's default, which revalidates.

const GENERATED = 'Written by deploy/headers.mjs (`npx vitest run deploy -u`): edit it there, not here.';

/** @param {Record<string, string>} headers @param {string} indent @param {(k: string, v: string) => string} format */
const lines = (headers, indent, format) => Object.entries(headers).map(([k, v]) => indent + format(k, v));

/** `_headers` for Netlify and Cloudflare Pages, which both read it from the published folder (dist/). */
export function headersFile() {
  /** @param {string} k @param {string} v */
  const header = (k, v) => `${k}: ${v}`;
  return [
    `# ${GENERATED}`,
    '# Netlify and Cloudflare Pages read this file from the published folder; paths are from the site root.',
    '# Both combine the headers of every rule that matches a path, so no header name is in two rules.',
    '/*',
    ...lines(EVERY_RESPONSE, '  ', header),
    `/${HASHED_DIR}/*`,
    ...lines(HASHED_ASSETS, '  ', header),
    '',
  ].join('\n');
}

/** vercel.json: Vercel reads it from the project root, and builds a Vite project into dist/ by itself. */
export function vercelJson() {
  /** @param {Record<string, string>} headers */
  const list = (headers) => Object.entries(headers).map(([key, value]) => ({ key, value }));
  const config = {
    $schema: 'https://openapi.vercel.sh/vercel.json',
    headers: [
      { source: '/(.*)', headers: list(EVERY_RESPONSE) },
      { source: `/${HASHED_DIR}/(.*)`, headers: list(HASHED_ASSETS) },
    ],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** An nginx snippet that serves dist/, copied to /srv/www/recplay/, at /recplay/. */
export function nginxSnippet() {
  /** @param {string} k @param {string} v */
  const header = (k, v) => `add_header ${k} "${v}" always;`;
  return [
    `# ${GENERATED}`,
    '# recplay at https://<host>/recplay/: copy dist/ to /srv/www/recplay/ and include this in a server {}.',
    '# nginx maps .wasm to application/wasm in mime.types since 1.21; on older ones add `application/wasm wasm;`.',
    'location /recplay/ {',
    '    root /srv/www;',
    ...lines(EVERY_RESPONSE, '    ', header),
    '',
    `    location /recplay/${HASHED_DIR}/ {`,
    '        # A block with an add_header of its own inherits none from above: repeat them.',
    ...lines({ ...EVERY_RESPONSE, ...HASHED_ASSETS }, '        ', header),
    '    }',
    '}',
    '',
  ].join('\n');
}
