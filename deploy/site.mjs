// The tags a shared link unfurls from that depend on where the site lives (the fixed ones, og:title and the
// like, are in index.html); types in site.d.mts. The Open Graph protocol wants og:image and og:url absolute,
// but a build knows its address only when told: RECPLAY_SITE_URL. Without it og:image is relative to the
// page, which the same dist/ resolves at any path and which many (not all) unfurlers follow.

/** The link-preview image in public/ (`npm run screenshot -- og` retakes it). */
export const OG_IMAGE = {
  file: 'og-image.png',
  width: 1200,
  height: 630,
  alt: 'recplay after a short training run: the demo dataset, the training loss and the validation AUC.',
};

/**
 * Reads RECPLAY_SITE_URL, the http(s) address of the folder that holds index.html (such as
 * `https://you.github.io/recplay/`). A missing trailing slash is added: without it `og-image.png` would
 * resolve beside that folder instead of in it.
 * @param {string | undefined} value
 */
export function siteUrl(value) {
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash)
    throw new Error(`RECPLAY_SITE_URL must be an http(s) address with no query or fragment, not "${value}"`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * og:url (only when the address is known) and og:image with its size and description, as Vite tags.
 * @param {URL | undefined} site
 */
export function socialTags(site) {
  /** @param {string} property @param {string} content */
  const meta = (property, content) => ({ tag: 'meta', attrs: { property, content }, injectTo: 'head' });
  return [
    ...(site ? [meta('og:url', site.href)] : []),
    meta('og:image', site ? new URL(OG_IMAGE.file, site).href : OG_IMAGE.file),
    meta('og:image:width', String(OG_IMAGE.width)),
    meta('og:image:height', String(OG_IMAGE.height)),
    meta('og:image:alt', OG_IMAGE.alt),
  ];
}
