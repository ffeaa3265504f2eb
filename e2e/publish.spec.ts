import type { Page } from '@playwright/test';
import { CSP, HASHED_ASSETS } from '../deploy/headers.mjs';
import { expect, setField, test as base } from './fixtures';
import { serveDist, type StaticHost } from './staticHost';

/**
 * The built dist/ published as plain files under a sub-path (a GitHub project page, say), by a static host
 * that sends the headers of dist/_headers (e2e/staticHost.ts): the app, its workers and wasm, its icons,
 * manifest and link-preview image all load from there, a share link made there restores the experiment,
 * and nothing is asked for outside the sub-path or answered with a 404. Needs the default build (base './').
 */
const SUB_PATH = '/recplay/';

const test = base.extend<{ host: StaticHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  host: async ({}, use) => {
    const host = await serveDist(SUB_PATH);
    await use(host);
    await host.close();
  },
  // The fixtures' guard takes its origin from here too: nothing may leave the host's origin.
  baseURL: async ({ host }, use) => use(`${host.origin}${SUB_PATH}`),
});

/** Everything the page asked for lay under the sub-path, and the host answered all of it. */
function expectAllUnderSubPath(host: StaticHost, requests: string[]) {
  const outside = requests.filter(
    (u) => !u.startsWith(`${host.origin}${SUB_PATH}`) && !u.startsWith('data:') && !u.startsWith('blob:'),
  );
  expect(outside, 'requests outside the sub-path').toEqual([]);
  expect(host.failures, 'requests the host could not answer').toEqual([]);
}

const testAuc = async (page: Page) =>
  (await page.getByTestId('test-result').locator('strong').innerText()).trim();

test('icons, manifest and link-preview image resolve under the sub-path, with the host headers', async ({
  page,
  host,
  guard,
}) => {
  const response = await page.goto('./');
  expect(response!.headers()['content-security-policy']).toBe(CSP);
  expect(response!.headers()['x-content-type-options']).toBe('nosniff');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');

  // What index.html points at, resolved the way a browser or an unfurler resolves it from the page.
  const links = await page.evaluate(() => ({
    icons: [
      ...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"], link[rel="apple-touch-icon"]'),
    ].map((l) => l.href),
    manifest: document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href,
    image: new URL(
      document.querySelector<HTMLMetaElement>('meta[property="og:image"]')!.content,
      location.href,
    ).href,
    card: document.querySelector<HTMLMetaElement>('meta[name="twitter:card"]')!.content,
  }));
  expect(links.card).toBe('summary_large_image');
  expect(links.image).toBe(`${host.origin}${SUB_PATH}og-image.png`);
  const manifest = await page.request.get(links.manifest);
  expect(manifest.status()).toBe(200);
  const { icons, start_url } = (await manifest.json()) as { icons: { src: string }[]; start_url: string };
  expect(new URL(start_url, links.manifest).href).toBe(`${host.origin}${SUB_PATH}`);
  const images = [...links.icons, ...icons.map((i) => new URL(i.src, links.manifest).href), links.image];
  expect(images.length).toBeGreaterThanOrEqual(6);
  for (const url of images) {
    expect(url).toContain(SUB_PATH);
    const r = await page.request.get(url);
    expect(r.status(), url).toBe(200);
    expect(r.headers()['content-type'], url).toMatch(/^image\//);
  }

  // The worker's script: its own policy (a worker ignores the page's <meta>), cached for good by its hash.
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  const worker = await page.request.get(page.workers()[0].url());
  expect(worker.headers()['content-security-policy']).toBe(CSP);
  expect(worker.headers()['cache-control']).toBe(HASHED_ASSETS['Cache-Control']);
  expectAllUnderSubPath(host, guard.requests);
});

test('trains under the sub-path, and a share link made there restores the experiment', async ({
  page,
  context,
  host,
  guard,
}) => {
  const wasm: string[] = [];
  context.on('response', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(`${r.status()} ${r.headers()['content-type']}`);
  });
  await page.goto('./');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  // wasm by name: its binaries must load from the sub-path, with the type streaming compilation needs.
  await page.getByTestId('backend-picker').selectOption('wasm');
  await setField(page, 'Epochs', '1');
  await setField(page, 'Seed', '7');
  await expect(page).toHaveURL(/#e3\./);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 120_000 });
  await expect(page.getByTestId('backend-name')).toHaveText('wasm');
  expect(wasm.length).toBeGreaterThan(0);
  for (const w of wasm) expect(w).toBe('200 application/wasm');
  const auc = await testAuc(page);
  const link = page.url();
  expect(link.startsWith(`${host.origin}${SUB_PATH}#e3.`), link).toBe(true);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByLabel('Epochs', { exact: true })).toHaveValue('1');
  await expect(other.getByLabel('Seed', { exact: true })).toHaveValue('7');
  await expect(other.getByTestId('backend-picker')).toHaveValue('wasm');
  // Demo links retrain by themselves.
  await expect(other.getByTestId('run-status')).toHaveText('Done', { timeout: 120_000 });
  expect(await testAuc(other)).toBe(auc);
  await other.close();
  expectAllUnderSubPath(host, guard.requests);
});
