import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, setField, test } from './fixtures';
import { linkFor } from './links';

/**
 * An automated accessibility scan (axe-core, WCAG 2.0/2.1 A and AA) of the main screen on the demo data:
 * before training, in the import dialog, after one epoch of dnn, and every Explain tab of the ctr models
 * amfr and mmdin and of tmfun (whose modality graph is a canvas). Serious and critical violations fail,
 * each listed with what to fix and where; so does a canvas or svg chart without an accessible name.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** MovieLens latest-small's ratings.csv columns, two ratings "n/a" (lines 3 and 6). */
const BAD_RATINGS = [
  'userId,movieId,rating,timestamp',
  '1,10,4.5,964982703',
  '1,20,n/a,964981247',
  '2,10,3.0,964982224',
  '2,30,5.0,964983815',
  '3,20,n/a,964982931',
  '3,30,4.0,964982400',
].join('\n');

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary ?? ''}`).join('\n'),
    )
    .join('\n');
  expect(serious, `axe violations ${where}:\n${report}`).toEqual([]);
  // axe has no rule for a chart without a name: every canvas and svg is a named image, sits inside one or
  // inside a named group (a heatmap read by the keyboard), or is hidden from assistive technology.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('canvas, svg')]
      .filter((el) => {
        const named = (e: Element | null) => !!e?.getAttribute('aria-label')?.trim();
        return !(
          el.closest('[aria-hidden="true"]') ||
          (el.getAttribute('role') === 'img' && named(el)) ||
          el.parentElement?.closest('svg[role="img"]') ||
          named(el.closest('[role="group"]'))
        );
      })
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} in ${el.parentElement?.className}`,
      ),
  );
  expect(unnamed, `charts without an accessible name ${where}`).toEqual([]);
}

/**
 * Opens a link to a small demo (300 users, 400 items) that trains `modelId` for two epochs by itself: the
 * views are the same as on the full demo, in a fraction of the time.
 */
async function openSmallDemo(page: Page, modelId: string): Promise<void> {
  const link = await linkFor({
    d: { kind: 'demo', seed: 3, users: 300, items: 400 },
    m: modelId,
    t: { epochs: 2 },
    b: 'wasm',
  });
  await page.goto(`/${link}`);
  await expect(page.getByTestId('num-users')).toHaveText('300');
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
}

async function train(page: Page, modelId: string, epochs: number): Promise<void> {
  await page.getByTestId('model-picker').selectOption(modelId);
  await setField(page, 'Epochs', String(epochs));
  if (modelId !== 'tmfun') await setField(page, 'Batch size', '1024');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
}

/** Opens each Explain tab in turn and scans the page with it open. */
async function scanEachTab(page: Page, modelId: string): Promise<void> {
  const views = page.getByTestId('views-panel');
  const names = await views.getByRole('tab').allInnerTexts();
  expect(names.length).toBeGreaterThan(1);
  for (const name of names) {
    await views.getByRole('tab', { name }).click();
    await expect(views.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    await expect(views.getByRole('tabpanel')).toBeVisible();
    // The view draws once the worker answers: wait until the panel no longer says it is reading.
    await expect(views.getByRole('tabpanel').getByText(/Reading|Scoring every|Explaining…/)).toHaveCount(0);
    await expectNoSeriousViolations(page, `on ${modelId}'s "${name}" tab`);
  }
}

test('the main screen has no serious accessibility violations before and after training', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await expectNoSeriousViolations(page, 'before training');
  // The data wizard open: its knobs, topics and preset cards.
  await page.getByTestId('wizard-toggle').click();
  await expectNoSeriousViolations(page, 'with the data wizard open');

  // The import dialog, saying where a rating column holds something other than a number.
  await page.getByTestId('file-input').setInputFiles({
    name: 'my-ratings.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(BAD_RATINGS),
  });
  const dialog = page.getByRole('dialog', { name: 'Load your data' });
  await expect(dialog.getByTestId('mapping-notes')).toContainText(
    'my-ratings.csv, line 3, column 3: Column "rating" is the rating, but 2 of 6 rows hold no number',
  );
  await expectNoSeriousViolations(page, 'in the import dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await train(page, 'dnn', 1);
  await expectNoSeriousViolations(page, 'after one epoch of dnn');
});

test('every Explain tab of the ctr models amfr and mmdin has no serious accessibility violations', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openSmallDemo(page, 'amfr');
  await scanEachTab(page, 'amfr');
  await train(page, 'mmdin', 1);
  await scanEachTab(page, 'mmdin');
});

test('every Explain tab of tmfun, the modality graph included, has no serious accessibility violations', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openSmallDemo(page, 'tmfun');
  await expect(page.getByTestId('views-panel').getByRole('tab', { name: 'Modality graph' })).toBeVisible();
  await scanEachTab(page, 'tmfun');
  // The graph by category: its categories are buttons.
  await page.getByTestId('views-panel').getByRole('tab', { name: 'Modality graph' }).click();
  await page.getByTestId('graph-mode-categories').click();
  await expect(page.getByTestId('category-node').first()).toBeVisible();
  await expectNoSeriousViolations(page, 'on the modality graph by category');
});
