import { expect, setField, test } from './fixtures';

/** A MovieLens-style ratings.csv alone: 30 users × 10 ratings of 40 films, no item features at all. */
function ratingsCsv(): string {
  const rows = ['userId,movieId,rating,timestamp'];
  for (let u = 1; u <= 30; u++) {
    for (let k = 0; k < 10; k++) {
      const movie = ((u * 7 + k * 3) % 40) + 1;
      rows.push(`${u},${movie},${3 + ((u + k) % 3)},${900_000_000 + u * 1000 + k * 10}`);
    }
  }
  return rows.join('\n');
}

test('tmfun on ratings alone: a warning before Train says it trains like LightGCN, and it trains', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  const note = page.getByTestId('data-check');
  const train = page.getByRole('button', { name: 'Train' });

  // The demo has modalities: tmfun gets no message there.
  await page.getByTestId('model-picker').selectOption('tmfun');
  await expect(train).toBeEnabled();
  await expect(note).toHaveCount(0);

  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'ratings.csv', mimeType: 'text/csv', buffer: Buffer.from(ratingsCsv()) });
  await page.getByRole('button', { name: 'Load dataset' }).click();
  await expect(page.getByTestId('num-users')).toHaveText('30');

  await expect(note).toHaveAttribute('data-level', 'warn');
  await expect(note).toHaveText(
    'tmfun: these data have no item modalities (feature vectors), so it trains without its modality graphs ' +
      'and fusion, like LightGCN.',
  );
  await expect(train).toBeEnabled();
  await expect(train).toHaveAccessibleDescription(/^tmfun: these data have no item modalities/);
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'reports/needs-warning.png' });

  // A model that reads nothing the data lack: no message.
  await page.getByTestId('model-picker').selectOption('lightgcn');
  await expect(note).toHaveCount(0);

  await page.getByTestId('model-picker').selectOption('tmfun');
  await setField(page, 'Epochs', '2');
  await train.click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 90_000 });
  await expect(page.locator('.epoch-table tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('test-result')).toContainText('R@20');
});

test('din on data where every user has one interaction: Train is refused with the reason', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  const rows = ['user,item,rating'];
  for (let u = 1; u <= 12; u++) rows.push(`${u},${(u % 5) + 1},${u % 2 ? 5 : 1}`);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'once.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.getByRole('button', { name: 'Load dataset' }).click();
  await expect(page.getByTestId('num-users')).toHaveText('12');

  await page.getByTestId('model-picker').selectOption('din');
  const note = page.getByTestId('data-check');
  await expect(note).toHaveAttribute('data-level', 'refuse');
  await expect(note).toContainText(
    "din cannot train on these data: it needs behaviour sequences (each user's earlier interactions)",
  );
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled();
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'reports/needs-refusal.png' });

  // dnn reads no behaviour sequences: it may train.
  await page.getByTestId('model-picker').selectOption('dnn');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
});
