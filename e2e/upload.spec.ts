import { datasetFile } from './datasets';
import { expect, setField, test } from './fixtures';

test('uploads MovieLens 100K through the file input, summarises it and trains dnn on it', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');

  await page
    .getByTestId('file-input')
    .setInputFiles([
      datasetFile('ml-100k/u.data'),
      datasetFile('ml-100k/u.item'),
      datasetFile('ml-100k/u.user'),
    ]);
  await expect(page.getByTestId('format-name')).toHaveText('MovieLens 100K');
  await page.getByRole('button', { name: 'Load dataset' }).click();

  await expect(page.getByTestId('num-users')).toHaveText('943');
  await expect(page.getByTestId('num-items')).toHaveText('1,682');
  await expect(page.getByTestId('num-interactions')).toHaveText('100,000');
  await expect(page.getByTestId('split-summary')).toContainText('80,808 train · 9,596 valid · 9,596 test');
  await expect(page.getByTestId('dataset-panel')).toContainText('genres (19)');
  await expect(page.getByTestId('dataset-panel')).toContainText('text 64-d');
  await page.getByTestId('long-tail-fold').locator('summary').click();
  await expect(page.getByTestId('long-tail').locator('rect').first()).toBeVisible();

  await setField(page, 'Epochs', '1');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 120_000 });
  const auc = Number((await page.getByTestId('test-result').locator('strong').innerText()).trim());
  expect(auc).toBeGreaterThan(0.7);
});

test('a broken file gets a message with file and line, and the previous dataset stays loaded', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');

  // A binary file is refused outright.
  await page.getByTestId('file-input').setInputFiles({
    name: 'photo.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]),
  });
  await expect(page.getByTestId('import-error')).toContainText('photo.csv');
  await expect(page.getByTestId('import-error')).toContainText(/binary/i);
  await expect(page.getByTestId('num-users')).toHaveText('2,000');

  // A CSV whose rating column holds a word: the build names the file, line, column and value.
  const csv = [
    'user,item,rating,timestamp',
    '1,10,5,100',
    '1,11,4,101',
    '2,10,x,102',
    '2,12,3,103',
    '3,11,2,104',
  ].join('\n');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'ratings.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('mapping-editor')).toBeVisible();
  // A column with a word in it is not guessed as a rating; the user says it is one.
  await page.getByLabel('Role of column rating in ratings.csv').selectOption('rating');
  await page.getByLabel('Label rule').selectOption('threshold');
  await page.getByRole('button', { name: 'Load dataset' }).click();
  await expect(page.getByTestId('num-users')).toHaveText('3');
  await expect(page.getByTestId('build-report').or(page.getByTestId('import-error'))).toContainText('line 4');
  await expect(page.getByTestId('build-report').or(page.getByTestId('import-error'))).toContainText('"x"');
});

test('the views work on uploaded data: MovieLens 100K with din and tmfun', async ({ page }) => {
  test.setTimeout(480_000);
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await page
    .getByTestId('file-input')
    .setInputFiles([
      datasetFile('ml-100k/u.data'),
      datasetFile('ml-100k/u.item'),
      datasetFile('ml-100k/u.user'),
    ]);
  await page.getByRole('button', { name: 'Load dataset' }).click();
  await expect(page.getByTestId('num-items')).toHaveText('1,682');
  const views = page.getByTestId('views-panel');

  // din: behaviour attention over the user's past films, its embedding map and its recommendations.
  await page.getByTestId('model-picker').selectOption('din');
  await setField(page, 'Epochs', '1');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
  await views.getByRole('tab', { name: 'Behaviour attention' }).click();
  await expect(views.getByTestId('behaviour-bar').first()).toBeVisible();
  await views.getByRole('tab', { name: 'Embedding map' }).click();
  await expect(views.getByTestId('embedding-map')).toHaveAttribute('data-points', '1682');
  await views.getByRole('tab', { name: 'Recommendations' }).click();
  await expect(views.getByTestId('rec-row')).toHaveCount(10);
  // Reasons are past films that stand out from equal weighting, or a cell saying none does.
  await expect(
    views.getByTestId('rec-reasons').or(views.getByTestId('rec-no-reasons')).first(),
  ).toBeVisible();

  // tmfun: the item text's kNN graph and the fused one, with an item's neighbourhood.
  await page.getByTestId('model-picker').selectOption('tmfun');
  await setField(page, 'Epochs', '1');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
  await views.getByRole('tab', { name: 'Modality graph' }).click();
  await expect(views.getByTestId('graph-toggle')).toHaveCount(2); // text, fused
  await views.getByTestId('graph-search').fill('Toy Story');
  await views.getByTestId('graph-hit').first().click();
  await expect(views.getByTestId('graph-ego')).toContainText('Toy Story');
  await views.getByRole('tab', { name: 'Recommendations' }).click();
  await expect(views.getByTestId('rec-row')).toHaveCount(10);
  await page.screenshot({ path: 'reports/upload-views.png', fullPage: true });
});
