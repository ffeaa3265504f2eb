import type { Page } from '@playwright/test';
import { expect, setField, test } from './fixtures';

/** Trains the picked top-k model for 2 epochs (seed 42) and returns its validation Recall@20 per epoch. */
async function trainTopk(page: Page, modelId: string): Promise<number[]> {
  await page.getByTestId('model-picker').selectOption(modelId);
  await setField(page, 'Epochs', '2');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 90_000 });
  const rows = page.locator('.epoch-table tbody tr');
  await expect(rows).toHaveCount(2);
  // Columns: epoch, loss, valid R@10, R@20, N@10, N@20, train time, eval time.
  return Promise.all([0, 1].map(async (r) => Number(await rows.nth(r).locator('td').nth(3).innerText())));
}

test('trains tmfun and lightgcn on the demo data: validation Recall@20 per epoch and a test result', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-items')).toHaveText('3,000');
  await expect(page.getByTestId('backend-name')).toHaveText(/^(webgpu|webgl|wasm|cpu)$/);

  // Both families in the picker, each in its group.
  const picker = page.getByTestId('model-picker');
  await expect(picker.locator('optgroup')).toHaveCount(2);
  await expect(picker.locator('optgroup[label="Top-k ranking"] option')).toHaveText([
    /^pop/,
    /^itemknn/,
    /^ease/,
    /^bprmf/,
    /^lightgcn/,
    /^tmfun/,
    /^sasrec/,
  ]);

  // Picking tmfun shows its settings and the top-k training form (batch 2048, best epoch by Recall@20).
  await picker.selectOption('tmfun');
  // tmfun's settings fold under "Model settings"; opened, they are there.
  const graphK = page.getByLabel('Modality graph k', { exact: true });
  await expect(graphK).toBeHidden();
  await page.getByTestId('model-card').locator('.more-settings > summary').click();
  await expect(graphK).toBeVisible();
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('2048');
  await expect(page.getByLabel('Best-epoch metric', { exact: true })).toHaveValue('recall@20');

  const tmfun = await trainTopk(page, 'tmfun');
  await expect(page.locator('.epoch-table thead')).toContainText('Valid R@20');
  await expect(page.getByTestId('rows-per-sec')).toHaveText(/triples\/s/);
  // Two validation series (Recall@20, NDCG@20), one dot per epoch each.
  await expect(page.getByTestId('auc-chart').locator('circle')).toHaveCount(4);
  await expect(page.getByTestId('auc-chart')).toContainText('Recall@20');
  const test_ = page.getByTestId('test-result');
  for (const m of ['R@10', 'R@20', 'N@10', 'N@20', 'Hit@20']) await expect(test_).toContainText(m);
  const testR20 = Number(await test_.locator('strong').innerText());
  expect(Math.min(...tmfun)).toBeGreaterThan(0);
  expect(testR20).toBeGreaterThan(0);
  await page.screenshot({ path: 'reports/topk-tmfun.png', fullPage: true });
  // Saved with its status (a top-k run keeps no per-epoch curve in the store, so no "0/2").
  const saved = page.getByTestId('saved-run-1');
  await expect(saved).toContainText('tmfun');
  await expect(saved).toContainText('done');
  await expect(saved).toContainText('≤ 2');

  // Planted vs learned: tmfun's item embedding against the demo's topics and its visual attention against
  // the visual topics, each beside the same model trained on shuffled interactions; its item scores against
  // the planted popularity.
  await page.getByRole('tab', { name: 'Planted vs learned' }).click();
  const planted = page.getByTestId('planted-row');
  await expect(planted).toHaveCount(3);
  await expect(planted.first()).toHaveAttribute('data-signal', 'embedding');
  await expect(planted.first().locator('td').nth(2)).toHaveText(/^\d+ % same topic, \d\.\d\d?× chance$/);
  await expect(planted.nth(1)).toHaveAttribute('data-signal', 'modalityAttention');
  await expect(planted.nth(1).locator('td').nth(2)).toHaveText(/^AUC \d\.\d\d$/);
  await expect(planted.nth(2)).toHaveAttribute('data-signal', 'popularity');
  await expect(planted.nth(2).locator('td').nth(2)).toHaveText(/^ρ -?\d\.\d\d$/);

  // The modality-graph view: one toggle per modality graph plus the fused one, a canvas, a legend; clicking a
  // search hit focuses the item's neighbourhood with its per-modality attention.
  await page.getByRole('tab', { name: 'Modality graph' }).click();
  await expect(page.getByTestId('graph-toggle')).toHaveCount(4); // visual, acoustic, text, fused
  await expect(page.getByTestId('graph-canvas')).toBeVisible();
  await expect(page.getByTestId('graph-legend')).toContainText('dance');
  // What the canvas draws, in words (a small graph: all of it).
  await expect(page.getByTestId('graph-lod')).toContainText(/^Showing (all|the)/);
  // By category, then back to the items of one category (a click drills down).
  await page.getByTestId('graph-mode-categories').click();
  await expect(page.getByTestId('category-sentence')).toContainText(/^Showing \d+ categories of/);
  await page.getByTestId('category-node').first().click();
  await expect(page.getByTestId('category-graph')).toHaveCount(0);
  await expect(page.getByTestId('graph-lod')).toBeVisible();
  await page.getByTestId('graph-search').fill('v1');
  await page.getByTestId('graph-hit').first().click();
  await expect(page.getByTestId('graph-ego')).toBeVisible();
  await expect(page.getByTestId('alpha-segment')).toHaveCount(3);
  await expect(page.getByTestId('ego-neighbour').first()).toBeVisible();
  await page.screenshot({ path: 'reports/topk-graph.png', fullPage: true });
  // DOCS_SCREENSHOTS=1 also writes the README's docs/graph-view.png (the Explain area only).
  if (process.env.DOCS_SCREENSHOTS)
    await page.getByTestId('views-panel').screenshot({ path: 'docs/graph-view.png' });

  // Recommendations of the top-k model: the user's top-10 unseen items, each explained by the item's
  // fused-graph neighbours the user trained on.
  await page.getByRole('tab', { name: 'Recommendations' }).click();
  const recs = page.getByTestId('recs-view');
  await expect(recs.getByTestId('rec-row')).toHaveCount(10);
  await expect(recs.getByTestId('recs-table')).toContainText('Near (item graph)');
  await expect(recs.getByTestId('rec-reasons').locator('li').first()).toBeVisible();
  await recs.getByTestId('recs-k').selectOption('5');
  await expect(recs.getByTestId('rec-row')).toHaveCount(5);
  await page.screenshot({ path: 'reports/topk-recs.png', fullPage: true });

  // The share link holds tmfun and its top-k training settings: another tab opens with them.
  await expect(page).toHaveURL(/#e3\./);
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('model-picker')).toHaveValue('tmfun');
  await expect(other.getByLabel('Epochs', { exact: true })).toHaveValue('2');
  await expect(other.getByLabel('Best-epoch metric', { exact: true })).toHaveValue('recall@20');
  await other.close();

  const lightgcn = await trainTopk(page, 'lightgcn');
  console.log(`demo, seed 42, valid R@20 at epochs 1, 2: tmfun ${tmfun} vs lightgcn ${lightgcn}`);
  expect(Math.min(...lightgcn)).toBeGreaterThan(0);

  // Run comparison: both top-k runs on the Recall@20 chart (two dots each), with their test R@20 / N@20.
  await page.getByRole('tab', { name: 'Run comparison' }).click();
  await expect(page.getByTestId('runs-chart-topk').locator('circle')).toHaveCount(4);
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await expect(page.getByTestId('run-test').first()).toHaveText(/^R@20 0\.\d{4} · N@20 0\.\d{4}$/);
  await page.screenshot({ path: 'reports/topk-runs.png', fullPage: true });
});

test('itemknn computes on the demo without epochs: a test result and explained recommendations', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-items')).toHaveText('3,000');
  await page.getByTestId('model-picker').selectOption('itemknn');
  await page.getByTestId('model-card').locator('.more-settings > summary').click();
  await expect(page.getByLabel('Neighbours k', { exact: true })).toHaveValue('200');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 60_000 });
  const test_ = page.getByTestId('test-result');
  await expect(test_).toContainText('R@20');
  expect(Number(await test_.locator('strong').innerText())).toBeGreaterThan(0);
  await page.getByRole('tab', { name: 'Recommendations' }).click();
  const recs = page.getByTestId('recs-view');
  await expect(recs.getByTestId('rec-row')).toHaveCount(10);
  // Explained by the item's most similar items the user trained on (what its score sums).
  await expect(recs.getByTestId('recs-table')).toContainText('Near (item graph)');
  await expect(recs.getByTestId('rec-reasons').locator('li').first()).toBeVisible();
  await page.screenshot({ path: 'reports/topk-itemknn.png', fullPage: true });
});
