import { expect, setField, test } from './fixtures';

/**
 * The data wizard (issue 23): a preset generates its data, picks the model that shows its signal and opens
 * Planted vs learned; after training that tab reads the model against the truth; the share link carries
 * the knobs and opens the same data. Small data and two epochs, to keep the run short.
 */
test('wizard preset → train → planted vs learned, and the knobs travel in the link', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  const wizard = page.getByTestId('data-wizard');
  await page.getByTestId('wizard-toggle').click();
  await wizard.getByTestId('wizard-users').fill('300');
  await wizard.getByTestId('wizard-items').fill('300');
  await wizard.getByTestId('wizard-preset-visual').click();
  await expect(page.getByTestId('num-users')).toHaveText('300');
  await expect(page.getByTestId('demo-seconds')).toContainText('in the worker');
  await expect(wizard.getByTestId('wizard-preset-visual')).toHaveAttribute('aria-pressed', 'true');
  await expect(wizard.getByTestId('wizard-visual')).toHaveValue('2.5');
  await expect(page.getByTestId('model-picker')).toHaveValue('tmfun');

  await setField(page, 'Epochs', '2');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 150_000 });
  const views = page.getByTestId('views-panel');
  await expect(views.getByRole('tab', { name: 'Planted vs learned' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  // The item embedding against the topics, then the modality attention against the wizard's visual topics,
  // then the item scores against the planted popularity.
  const rows = views.getByTestId('planted-row');
  await expect(rows).toHaveCount(3, { timeout: 60_000 });
  await expect(rows.first()).toHaveAttribute('data-signal', 'embedding');
  const row = rows.nth(1);
  await expect(row).toHaveAttribute('data-signal', 'modalityAttention');
  expect(['learned', 'partly', 'chance', 'against']).toContain(await row.getAttribute('data-verdict'));
  await expect(row).toContainText('data wizard');

  // The link: the knobs travel, and a new page generates the same data from them.
  await expect(page).toHaveURL(/#e3\./);
  const interactions = await page.getByTestId('num-interactions').innerText();
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('num-users')).toHaveText('300');
  await expect(other.getByTestId('num-interactions')).toHaveText(interactions);
  const wizard2 = other.getByTestId('data-wizard');
  await other.getByTestId('wizard-toggle').click();
  await expect(wizard2.getByTestId('wizard-visual')).toHaveValue('2.5');
  await expect(wizard2.getByTestId('wizard-preset-visual')).toHaveAttribute('aria-pressed', 'true');
  await expect(other.getByTestId('model-picker')).toHaveValue('tmfun');
});

// "Popularity only" showcases the most-popular baseline: its counts follow the planted popularity.
test('the popularity preset opens pop, whose item scores follow the planted popularity', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  const wizard = page.getByTestId('data-wizard');
  await page.getByTestId('wizard-toggle').click();
  await wizard.getByTestId('wizard-users').fill('300');
  await wizard.getByTestId('wizard-preset-popularity').click();
  await expect(page.getByTestId('num-users')).toHaveText('300');
  await expect(page.getByTestId('model-picker')).toHaveValue('pop');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 60_000 });
  const views = page.getByTestId('views-panel');
  await expect(views.getByRole('tab', { name: 'Planted vs learned' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const row = views.getByTestId('planted-row');
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row).toHaveAttribute('data-signal', 'popularity');
  await expect(row).toHaveAttribute('data-verdict', 'learned');
  await expect(row).toContainText('data wizard');
});
