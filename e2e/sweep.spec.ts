import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** A small demo (large enough that six trials take seconds) and amfr on wasm, as a version 3 link (the way src/state/experiment.ts writes one). */
async function demoLink(): Promise<string> {
  const wire = { v: 3, d: { kind: 'demo', seed: 42, users: 300, items: 200 }, m: 'amfr', b: 'wasm' };
  const stream = new Blob([JSON.stringify(wire)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return `/#e3.${Buffer.from(await new Response(stream).arrayBuffer()).toString('base64url')}`;
}

const rows = (page: Page) => page.getByTestId('sweep-table').locator('tbody tr');

/** Each trial's settings and validation metric, in trial order (the time column left out). */
async function results(page: Page): Promise<string[]> {
  const out = await rows(page).evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll('td')]
        .slice(0, -1)
        .map((td) => td.textContent)
        .join(' | '),
    ),
  );
  return out.sort((a, b) => Number(a.split(' | ')[0]) - Number(b.split(' | ')[0]));
}

async function waitDone(page: Page) {
  await expect(page.getByTestId('sweep-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
}

test('a 6-trial halving sweep over amfr survives a reload, shows its views, and its link reproduces it', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await page.goto(await demoLink());
  await expect(page.getByTestId('num-users')).toHaveText('300');
  const panel = page.getByTestId('sweep-panel');
  await panel.locator('summary').click();
  // amfr starts on its learning rate, embedding size and layers.
  await expect(panel.locator('tr[data-dim]')).toHaveCount(3);
  await page.getByLabel('Search', { exact: true }).selectOption('halving');
  await page.getByLabel('Sweep trials').fill('6');
  await page.getByLabel('Epochs per trial').fill('2');
  // The demo link trains its one run on opening; the sweep starts once the worker is free.
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Start sweep' }).click();
  await expect(page.getByTestId('sweep-status')).toHaveAttribute('data-status', 'running');
  // The worker trains one run at a time: Train waits while the sweep runs.
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();

  // Reload in the middle: the recorded trials come back, and the sweep goes on by itself.
  await expect
    .poll(async () => rows(page).count(), { timeout: 60_000, intervals: [50] })
    .toBeGreaterThanOrEqual(3);
  const beforeReload = await rows(page).count();
  expect(beforeReload).toBeLessThan(6);
  await page.reload();
  await expect(page.getByTestId('sweep-panel').locator('details')).toHaveAttribute('open', '');
  await expect.poll(async () => rows(page).count()).toBeGreaterThanOrEqual(beforeReload);
  // The link now holds the sweep: it trains the sweep, not the link's one run.
  await expect(page.getByTestId('sweep-status')).toHaveAttribute('data-status', /running|done/);
  await expect(page.getByTestId('run-status')).toHaveText('Ready');
  await waitDone(page);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await expect(rows(page)).toHaveCount(6);
  await expect(page.getByTestId('sweep-parallel').locator('path[data-trial]')).toHaveCount(6);
  await expect(page.getByTestId('sweep-importance').locator('rect')).toHaveCount(3);
  await expect(page.getByTestId('sweep-best-test')).toContainText(/test auc 0\.\d{4}/);
  const axe = await new AxeBuilder({ page })
    .include('[data-testid=sweep-panel]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  const first = await results(page);
  expect(first).toHaveLength(6);
  // The pick is the longer-trained rung's best, marked in the table.
  await expect(page.getByTestId('sweep-table').locator('tr.best td').nth(1)).toHaveText('1');

  // The link (now with the summary) opened elsewhere: the same sweep, trial for trial.
  const link = new URL(page.url());
  const other = await browser.newContext({ baseURL });
  const page2 = await other.newPage();
  await page2.goto(link.pathname + link.hash);
  await expect(page2.getByTestId('sweep-link-summary')).toContainText('6 trials');
  await expect(page2.getByLabel('Sweep trials')).toHaveValue('6');
  await page2.getByRole('button', { name: 'Start sweep' }).click();
  await waitDone(page2);
  expect(await results(page2)).toEqual(first);
  await other.close();
});
