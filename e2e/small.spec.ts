import { expect, test } from './fixtures';

/**
 * Issue 20's small things, as a person sees them at 1280×800: the Backend select reads whole, the time span's
 * dates sit on one line, "Back to the demo dataset" shows only away from the demo, and a rating column that
 * holds words is named in the mapping step with where, and the density stays a share.
 */
test('the small things: whole labels, one-line dates, the way back to the demo only away from it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await expect(page.getByTestId('run-status')).toHaveText('Ready');

  // The select is wide enough for its chosen option.
  const backend = page.getByTestId('backend-picker');
  await expect(backend.locator('option:checked')).toHaveText('auto (GPU, else wasm)');
  expect(await backend.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

  // One line for the dates: no taller than the line of a single-line row.
  const dates = page.getByTestId('time-span');
  await expect(dates).toHaveText(/^\d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2}$/);
  const line = (await page.getByTestId('time-length').boundingBox())!.height;
  expect((await dates.boundingBox())!.height).toBeLessThan(line * 1.5);

  const back = page.getByRole('button', { name: 'Back to the demo dataset' });
  await expect(back).toHaveCount(0);

  // A ratings file whose rating column holds a word: named with file, line and column before loading.
  const csv = ['user,item,rating,timestamp'];
  for (let u = 1; u <= 20; u++)
    for (let j = 0; j < 6; j++)
      csv.push(`${u},${((u + j) % 15) + 1},${u === 2 && j === 1 ? 'n/a' : 1 + (j % 5)},${u * 100 + j}`);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'words.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.join('\n')) });
  const dialog = page.getByRole('dialog', { name: 'Load your data' });
  await expect(dialog.getByTestId('mapping-notes')).toContainText('words.csv, line 9, column 3');
  await dialog.getByRole('button', { name: 'Load dataset' }).click();
  await expect(page.getByTestId('num-users')).toHaveText('20');
  const density = Number((await page.getByTestId('density').innerText()).replace(/[^\d.]/g, ''));
  expect(density).toBeGreaterThan(0);
  expect(density).toBeLessThanOrEqual(100);

  // Away from the demo, the way back shows, and takes it.
  await back.click();
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await expect(back).toHaveCount(0);
});
