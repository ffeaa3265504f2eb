import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Shared fixture for every e2e test: records every request the page (and its workers) make, and every
 * console error, and fails the test if any request leaves the page's origin or any error was logged.
 */
export const test = base.extend<{ guard: { requests: string[]; errors: string[] } }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const requests: string[] = [];
      const errors: string[] = [];
      page.context().on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      await use({ requests, errors });
      const foreign = requests.filter(
        (u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'),
      );
      expect(foreign, 'requests to other origins').toEqual([]);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the folds ("More settings", a folded card) around a control, as a person clicks them open. */
export async function reveal(control: Locator): Promise<void> {
  for (let i = 0; i < 3 && !(await control.isVisible()); i++) {
    await control.locator('xpath=(ancestor::details[not(@open)])[1]/summary').click();
  }
}

/** Sets a form field of the config form by its label. */
export async function setField(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await reveal(input);
  await input.fill(value);
  await input.blur();
}
