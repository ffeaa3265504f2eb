import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OG_IMAGE, siteUrl, socialTags } from './site.mjs';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url));
const text = (path: string) => read(path).toString('utf8');

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(path: string): [number, number] {
  const bytes = read(path);
  expect(bytes.subarray(1, 4).toString('latin1'), `${path} is a PNG`).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

const content = (tags: ReturnType<typeof socialTags>, property: string) =>
  tags.find((t) => t.attrs?.property === property)?.attrs?.content;

describe('RECPLAY_SITE_URL', () => {
  it('is optional', () => {
    expect(siteUrl(undefined)).toBeUndefined();
    expect(siteUrl('')).toBeUndefined();
  });

  it('names a folder: a missing trailing slash is added', () => {
    expect(siteUrl('https://you.github.io/recplay')?.href).toBe('https://you.github.io/recplay/');
    expect(siteUrl('https://recplay.example.org')?.href).toBe('https://recplay.example.org/');
  });

  it('must be an http(s) address without query or fragment', () => {
    for (const bad of [
      'you.github.io/recplay',
      '/recplay/',
      'ftp://example.org/',
      'https://x.org/?a=1',
      'https://x.org/#a',
    ])
      expect(() => siteUrl(bad), bad).toThrow(/RECPLAY_SITE_URL/);
  });
});

describe('the link-preview tags', () => {
  it('point at the image beside the page when the address is unknown, and give no og:url', () => {
    const tags = socialTags(undefined);
    expect(content(tags, 'og:image')).toBe('og-image.png');
    expect(content(tags, 'og:url')).toBeUndefined();
    expect(content(tags, 'og:image:width')).toBe('1200');
    expect(content(tags, 'og:image:height')).toBe('630');
  });

  it('are absolute under the site address, sub-path included', () => {
    const tags = socialTags(siteUrl('https://you.github.io/recplay'));
    expect(content(tags, 'og:url')).toBe('https://you.github.io/recplay/');
    expect(content(tags, 'og:image')).toBe('https://you.github.io/recplay/og-image.png');
  });
});

describe('public/ and index.html', () => {
  const html = text('index.html');
  const manifest = JSON.parse(text('public/manifest.webmanifest')) as {
    theme_color: string;
    background_color: string;
    icons: { src: string; sizes: string; type: string }[];
  };

  it('every icon and the manifest that index.html links to is in public/ (else the page asks for a 404)', () => {
    const hrefs = [...html.matchAll(/<link\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(expect.arrayContaining(['/favicon.svg', '/manifest.webmanifest']));
    for (const href of hrefs) {
      expect(href, 'a root-relative path, which Vite rewrites for the base').toMatch(/^\/[\w.-]+$/);
      expect(read(`public${href}`).length, href).toBeGreaterThan(0);
    }
  });

  it('the manifest lists icons that exist at the sizes it says', () => {
    for (const icon of manifest.icons) {
      if (icon.type === 'image/svg+xml') expect(text(`public/${icon.src}`)).toMatch(/^<svg /);
      else expect(pngSize(`public/${icon.src}`).join('x')).toBe(icon.sizes);
    }
    expect(pngSize('public/icon-32.png')).toEqual([32, 32]);
  });

  it('the link-preview image is 1200×630', () => {
    expect(pngSize(`public/${OG_IMAGE.file}`)).toEqual([OG_IMAGE.width, OG_IMAGE.height]);
  });

  it('the theme colour is the app’s accent, its background the app’s, in the manifest and the page', () => {
    const css = text('src/ui/app.css');
    const variable = (name: string) => css.match(new RegExp(`--${name}:\\s*(#[0-9a-f]{6});`, 'i'))?.[1];
    expect(variable('accent')).toBeDefined();
    expect(manifest.theme_color).toBe(variable('accent'));
    expect(manifest.background_color).toBe(variable('bg'));
    expect(html).toContain(`<meta name="theme-color" content="${variable('accent')}" />`);
  });
});
