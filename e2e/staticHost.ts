import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/**
 * A plain static host for the built app, the way Netlify or Cloudflare Pages would serve it: the files of
 * dist/ under a sub-path, with the headers dist/_headers asks for (so the ready file itself is what the test
 * exercises), a content type by extension, and 404 for anything else. It listens on a port the system
 * picks, so parallel checkouts never collide.
 */
export interface StaticHost {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Every request it answered with an error, as `404 /path`. */
  readonly failures: string[];
  close(): Promise<void>;
}

const DIST = join(import.meta.dirname, '..', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

interface Rule {
  path: string;
  headers: [string, string][];
}

/** `_headers` as Netlify and Cloudflare read it: a path, then indented `Name: value` lines; `#` comments. */
function parseHeadersFile(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('/')) rules.push({ path: line, headers: [] });
    else {
      const colon = line.indexOf(':');
      if (colon <= 0 || !rules.length) throw new Error(`_headers: cannot read "${line}"`);
      rules.at(-1)!.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return rules;
}

const matches = (rule: string, path: string) =>
  rule.endsWith('*') ? path.startsWith(rule.slice(0, -1)) : path === rule;

/** Serves dist/ at `subPath` (such as `/recplay/`) until `close()`. Run `npm run build` first. */
export async function serveDist(subPath: string): Promise<StaticHost> {
  const rules = parseHeadersFile(await readFile(join(DIST, '_headers'), 'utf8'));
  const failures: string[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const { pathname } = new URL(req.url ?? '/', 'http://host');
      // The path inside the site, as the host's rules see it: `/recplay/assets/x.js` → `/assets/x.js`.
      const path = pathname.startsWith(subPath) ? `/${pathname.slice(subPath.length)}` : null;
      const file =
        path === null
          ? null
          : normalize(join(DIST, decodeURIComponent(path.endsWith('/') ? `${path}index.html` : path)));
      const body = file?.startsWith(DIST + sep) ? await readFile(file).catch(() => null) : null;
      if (path === null || file === null || body === null) {
        failures.push(`404 ${pathname}`);
        res.writeHead(404).end();
        return;
      }
      for (const rule of rules)
        if (matches(rule.path, path)) for (const [k, v] of rule.headers) res.setHeader(k, v);
      res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      res.writeHead(200).end(body);
    })().catch((e: unknown) => {
      failures.push(`500 ${req.url}: ${String(e)}`);
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    failures,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // The browser keeps connections open; they would hold close() for seconds.
        server.closeAllConnections();
      }),
  };
}
