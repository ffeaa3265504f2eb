import { describe, expect, it } from 'vitest';
import {
  CROSS_ORIGIN_ISOLATION,
  CSP,
  EVERY_RESPONSE,
  HASHED_ASSETS,
  headersFile,
  nginxSnippet,
  vercelJson,
} from './headers.mjs';

describe('the ready files for hosts', () => {
  // One source of truth: these fail when a committed file and headers.mjs disagree; `-u` rewrites the file.
  it('public/_headers (Netlify, Cloudflare Pages) is what headers.mjs writes', async () => {
    await expect(headersFile()).toMatchFileSnapshot('../public/_headers');
  });
  it('vercel.json is what headers.mjs writes', async () => {
    await expect(vercelJson()).toMatchFileSnapshot('../vercel.json');
  });
  it('deploy/nginx.conf is what headers.mjs writes', async () => {
    await expect(nginxSnippet()).toMatchFileSnapshot('./nginx.conf');
  });
});

describe('the headers', () => {
  it('send the policy, and never allow eval or inline scripts', () => {
    expect(EVERY_RESPONSE['Content-Security-Policy']).toBe(CSP);
    const scripts = CSP.split('; ').find((d) => d.startsWith('script-src '));
    expect(scripts).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(CSP).not.toContain("'unsafe-eval'");
  });

  it('name no header twice for one path: Netlify and Cloudflare would join the two values', () => {
    const names = (h: Readonly<Record<string, string>>) => Object.keys(h).map((k) => k.toLowerCase());
    const everywhere = names(EVERY_RESPONSE);
    expect(names(HASHED_ASSETS).filter((n) => everywhere.includes(n))).toEqual([]);
  });

  it('isolate every response cross-origin (wasm threads need SharedArrayBuffer), in every file', () => {
    for (const [k, v] of Object.entries(CROSS_ORIGIN_ISOLATION)) {
      expect(EVERY_RESPONSE[k]).toBe(v);
      expect(headersFile()).toContain(`  ${k}: ${v}`);
      expect(vercelJson()).toContain(`"value": "${v}"`);
      // nginx: at the site and again in assets/, where add_header inherits nothing.
      expect(nginxSnippet().split(`add_header ${k} "${v}" always;`)).toHaveLength(3);
    }
  });

  it('send the policy from nginx for the hashed assets too (add_header does not inherit into them)', () => {
    const assets = nginxSnippet().split('location /recplay/assets/')[1];
    expect(assets).toContain(`add_header Content-Security-Policy "${CSP}" always;`);
    expect(assets).toContain('add_header X-Content-Type-Options "nosniff" always;');
    expect(assets).toContain(`add_header Cache-Control "${HASHED_ASSETS['Cache-Control']}" always;`);
  });
});
