import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Hostile files dropped on the built app's upload, one after the other, on top of whatever loaded last:
 * each ends in a clear message naming the file or a correct load within a time bound, the dataset loaded
 * before a refused file stays, markup in cells stays text, and the app still trains at the end.
 * Small files are committed under e2e/fixtures/hostile/ (see its README); big ones are generated here.
 */

const HOSTILE_DIR = join(import.meta.dirname, 'fixtures', 'hostile');

/** Files too big to commit, written to a temp dir: name → bytes. */
function generateBigFiles(dir: string): string[] {
  const files: Record<string, Uint8Array | string> = {
    // 10 MB without a line break.
    'single-line-10mb.csv': '1,'.repeat(5_000_000),
    // A million columns in each of three lines (6 MB).
    'million-columns.csv': `${'1,'.repeat(1_000_000)}1\n`.repeat(3),
    // One cell of 5 MB among normal rows.
    'huge-cell.csv': `user,item,title\n1,2,${'A'.repeat(5_000_000)}\n2,3,b\n3,1,c\n4,2,d\n`,
    // 100 MB of zeros deflated to ~100 KB: refused by its ratio before anything is inflated.
    'zip-bomb.zip': zipSync({ 'ratings.csv': [new Uint8Array(100 * 1024 * 1024), { level: 9 }] }),
    // 5,000 tiny entries.
    'many-entries.zip': zipSync(
      Object.fromEntries(
        Array.from({ length: 5000 }, (_, i) => [`f${i}.csv`, new TextEncoder().encode('a,b\n1,2\n')]),
      ),
    ),
  };
  // A zip in a zip in a zip… 40 levels deep, a real table at the bottom.
  let nested: Uint8Array = zipSync({ 'ratings.csv': new TextEncoder().encode('user,item\n1,2\n2,1\n') });
  for (let level = 0; level < 40; level++) nested = zipSync({ [`level${level}.zip`]: nested });
  files['deeply-nested.zip'] = nested;
  return Object.entries(files).map(([name, data]) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  });
}

type Outcome = { kind: 'refused'; message: string } | { kind: 'loaded'; users: string };

/** Files whose refusal must say exactly where and what (the others: any clear refusal or a correct load). */
const NAMED_REFUSALS: Record<string, RegExp> = {
  'unterminated-quote.csv': /line 2, column 4: A quoted field opens here and is never closed/,
  'nan-inf-ratings.csv': /user "1" has interacted with all 5 items/,
};
/** Files that must load, with the users they hold (UTF-16 as Excel's "Unicode text" writes it, and without BOM). */
const NAMED_LOADS: Record<string, string> = { 'utf16le-no-bom.csv': '5', 'utf16be-bom.csv': '5' };

/** Uploads one file and drives the import to its end: a refusal, or a load (through the mapping step). */
async function upload(page: Page, path: string): Promise<Outcome> {
  await page.getByTestId('file-input').setInputFiles(path);
  const error = page.getByTestId('import-error');
  const dialog = page.getByRole('dialog');
  await expect(error.or(dialog).first()).toBeVisible();
  if (await error.isVisible()) return { kind: 'refused', message: await error.innerText() };
  const before = await page.getByTestId('num-users').innerText();
  const datasetBefore = await page.getByTestId('dataset-name').innerText();
  await page.getByRole('button', { name: 'Load dataset' }).click();
  const state = async () =>
    (await dialog.getByTestId('import-error').isVisible())
      ? 'error'
      : (await dialog.count()) === 0
        ? 'loaded'
        : 'pending';
  await expect.poll(state, { timeout: 60_000 }).not.toBe('pending');
  if ((await state()) === 'error') {
    const message = await dialog.getByTestId('import-error').innerText();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    // The refused build left the dataset as it was.
    expect(await page.getByTestId('num-users').innerText()).toBe(before);
    expect(await page.getByTestId('dataset-name').innerText()).toBe(datasetBefore);
    return { kind: 'refused', message };
  }
  await expect(dialog).toHaveCount(0);
  return { kind: 'loaded', users: await page.getByTestId('num-users').innerText() };
}

test('hostile files: a clear message or a correct load, in bounded time, and the app keeps working', async ({
  page,
}, testInfo) => {
  test.setTimeout(600_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const temp = mkdtempSync(join(tmpdir(), 'recplay-hostile-'));
  try {
    const small = readdirSync(HOSTILE_DIR)
      .filter((f) => f !== 'README.md')
      .sort()
      .map((f) => join(HOSTILE_DIR, f));
    const big = generateBigFiles(temp);
    await page.goto('/');
    await expect(page.getByTestId('num-users')).toHaveText('2,000');

    const log: string[] = [];
    for (const path of [...small, ...big]) {
      const name = basename(path);
      const usersBefore = await page.getByTestId('num-users').innerText();
      const nameBefore = await page.getByTestId('dataset-name').innerText();
      const t0 = Date.now();
      const outcome = await upload(page, path);
      const seconds = (Date.now() - t0) / 1000;
      log.push(
        `${name}: ${outcome.kind} in ${seconds.toFixed(1)} s — ${outcome.kind === 'refused' ? outcome.message.replace(/\s+/g, ' ').slice(0, 160) : `${outcome.users} users`}`,
      );
      expect(seconds, `${name} took too long`).toBeLessThan(big.includes(path) ? 60 : 20);
      if (NAMED_LOADS[name]) expect(outcome, name).toEqual({ kind: 'loaded', users: NAMED_LOADS[name] });
      if (NAMED_REFUSALS[name]) {
        expect(outcome.kind, name).toBe('refused');
        expect(outcome.kind === 'refused' && outcome.message, name).toMatch(NAMED_REFUSALS[name]);
      }
      if (outcome.kind === 'refused') {
        expect(outcome.message).toContain(name.replace(/\.zip$/, ''));
        expect(outcome.message).toContain('The dataset you had is still loaded.');
        await expect(page.getByTestId('num-users')).toHaveText(usersBefore);
        await expect(page.getByTestId('dataset-name')).toHaveText(nameBefore);
      }
    }
    await testInfo.attach('outcomes', { body: log.join('\n'), contentType: 'text/plain' });
    console.log(`${log.length} hostile files tried:\n${log.join('\n')}`);

    // Markup from the files never became markup on the page.
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await expect(page.locator('img[src="x"], svg[onload]')).toHaveCount(0);

    // Nothing broke: back to the demo, and one epoch trains.
    await page.getByRole('button', { name: 'Back to the demo dataset' }).click();
    await expect(page.getByTestId('num-users')).toHaveText('2,000');
    await page.getByLabel('Epochs', { exact: true }).fill('1');
    await page.getByLabel('Epochs', { exact: true }).blur();
    await page.getByRole('button', { name: 'Train' }).click();
    await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 120_000 });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
});

test('markup in titles is shown as text in the mapping preview', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await page
    .getByTestId('file-input')
    .setInputFiles([join(HOSTILE_DIR, 'xss-movies.csv'), join(HOSTILE_DIR, 'xss-ratings.csv')]);
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('<img src=x onerror="window.__xss=1">');
  await expect(dialog).toContainText('<script>window.__xss=2</script>');
  await page.getByRole('button', { name: 'Load dataset' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('num-users')).toHaveText('8');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('img[src="x"], svg[onload], main script')).toHaveCount(0);
});
