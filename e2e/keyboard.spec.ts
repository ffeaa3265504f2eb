import { expect, setField, test } from './fixtures';

/**
 * The page by keyboard: Train pressed with Enter hands focus to Pause (not to <body>) and, as the run ends,
 * back to Train, with the focus ring drawn; the Explain tabs follow the WAI-ARIA tabs pattern; Enter in the
 * example picker's search boxes picks the exact match. One short amfr epoch (large batches: few steps).
 */
test('keeps focus on the run buttons, walks the Explain tabs with the arrows, picks a search hit with Enter', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await page.getByTestId('model-picker').selectOption('amfr');
  await setField(page, 'Epochs', '1');
  await setField(page, 'Batch size', '1024');

  // Reach Train from the Backend select with Tab, as a keyboard user does, and press it.
  const train = page.getByRole('button', { name: 'Train' });
  const pause = page.getByRole('button', { name: 'Pause' });
  await page.getByTestId('backend-picker').focus();
  await page.keyboard.press('Tab');
  await expect(train).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(train).toBeDisabled();
  await expect(page.getByTestId('run-status')).toHaveText('Training');
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
  await expect(pause).toBeFocused();
  await expect(pause).toHaveCSS('outline-style', 'solid'); // the focus ring (:focus-visible)
  // For a person to look at: the buttons with room around them for the ring.
  const box = (await page.getByTestId('run-buttons').boundingBox())!;
  const clip = { x: box.x - 12, y: box.y - 12, width: box.width + 24, height: box.height + 24 };
  await page.screenshot({ path: testInfo.outputPath('run-buttons-focus.png'), clip, animations: 'disabled' });

  // The run ends: Pause is disabled in turn, and focus goes back to Train.
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
  await expect(train).toBeFocused();
  await expect(train).toHaveCSS('outline-style', 'solid');

  // The Explain tabs: one tab stop, the arrows move and select (wrapping), Home and End.
  const views = page.getByTestId('views-panel');
  const tabs = views.getByRole('tab');
  await expect(tabs).toHaveText([
    'Attention heads',
    'Embedding map',
    'Recommendations',
    'Planted vs learned',
    'Run comparison',
  ]);
  const tab = (name: string) => views.getByRole('tab', { name });
  await expect(tabs.and(page.locator('[tabindex="0"]'))).toHaveText(['Attention heads']);
  await tab('Attention heads').focus();
  const expectOn = async (name: string) => {
    await expect(tab(name)).toBeFocused();
    await expect(tab(name)).toHaveAttribute('aria-selected', 'true');
    await expect(views.getByRole('tabpanel')).toHaveAttribute(
      'aria-labelledby',
      (await tab(name).getAttribute('id')) ?? '',
    );
  };
  await page.keyboard.press('ArrowRight');
  await expectOn('Embedding map');
  await page.keyboard.press('ArrowRight');
  await expectOn('Recommendations');
  await page.keyboard.press('End');
  await expectOn('Run comparison');
  await page.keyboard.press('ArrowRight'); // wraps to the first
  await expectOn('Attention heads');
  await page.keyboard.press('ArrowLeft'); // and back to the last
  await expectOn('Run comparison');
  await page.keyboard.press('Home');
  await expectOn('Attention heads');
  await expect(tab('Attention heads')).toHaveCSS('outline-style', 'solid');
  await views.screenshot({ path: testInfo.outputPath('tabs-focus.png'), animations: 'disabled' });
  // Tab leaves the tab list for the panel instead of visiting the other tabs.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).not.toBe('tab');

  // Enter in the example picker picks the exact match: user u17 (not u170), item "music #32" (not "#327").
  const user = views.getByTestId('user-search');
  await user.fill('u17');
  await user.press('Enter');
  await expect(views.getByTestId('example-picker')).toContainText('User u17 ×');
  const item = views.getByTestId('item-search');
  await item.fill('music #32');
  await expect(views.getByTestId('item-hit').first()).toContainText('music #32 by');
  await item.press('Enter');
  await expect(views.getByTestId('example-picker').locator('.item-title')).toHaveText(
    /^“music #32 by @author_\d+”$/,
  );
  await expect(user).toHaveValue('');
  await expect(item).toHaveValue('');
});

test('Stop pressed by keyboard keeps focus in the run buttons while stopping, then gives it to Train', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  const train = page.getByRole('button', { name: 'Train' });
  await page.getByTestId('backend-picker').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeFocused();
  await expect(page.getByTestId('rows-per-sec')).toHaveText(/rows\/s/);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeFocused();
  await page.keyboard.press('Enter');
  // Stopping disables all three: focus waits on their group, never on <body>.
  const inButtons = () =>
    page.evaluate(() => document.activeElement?.closest('[data-testid="run-buttons"]') != null);
  expect(await inButtons()).toBe(true);
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 60_000 });
  await expect(train).toBeFocused();
});
