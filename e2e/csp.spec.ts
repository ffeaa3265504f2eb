import type { Page, Worker } from '@playwright/test';
import { linkFor } from './links';
import { expect, test } from './fixtures';

/**
 * The Content-Security-Policy (vite.config.ts: a <meta> in the built index.html, and the same policy as a
 * header from `vite preview`, which is what a worker obeys) must not get in the app's way: no violation
 * while the page loads and while dnn trains on wasm (which needs 'wasm-unsafe-eval') and on cpu.
 */

/** Collects `securitypolicyviolation` events of the page and of its workers. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`page: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const workers: Worker[] = [];
  page.on('worker', (worker) => {
    // tfjs-wasm's pthread workers sit in Atomics.wait between tasks, where an evaluate never returns; a script
    // their policy refused would keep training from finishing, which the tests see.
    if (worker.url().includes('threadedWorker.generated')) return;
    workers.push(worker);
    void worker
      .evaluate(() => {
        const s = self as unknown as { __csp: string[] };
        s.__csp = [];
        self.addEventListener('securitypolicyviolation', (e) =>
          s.__csp.push(`worker: ${e.violatedDirective} ${e.blockedURI}`),
        );
      })
      .catch(() => undefined);
  });
  return async () => {
    const all = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    for (const w of workers) {
      all.push(...(await w.evaluate(() => (self as unknown as { __csp?: string[] }).__csp ?? [])));
    }
    return all;
  };
}

const demoLink = (backend: 'wasm' | 'cpu') =>
  linkFor({ d: { kind: 'demo', seed: 3, users: 200, items: 300 }, m: 'dnn', t: { epochs: 1 }, b: backend });

test('the built app sends its policy, and the policy blocks other origins in the page and the worker', async ({
  browser,
  baseURL,
}) => {
  // A page of its own (not the fixture's): the blocked requests here log console errors on purpose.
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = await recordViolations(page);
  const response = await page.goto(baseURL!);
  expect(response!.headers()['content-security-policy']).toContain("connect-src 'self'");
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("connect-src 'self'");
  expect(meta).toContain("'wasm-unsafe-eval'");
  expect(meta).not.toContain("'unsafe-eval'");
  await expect(page.getByTestId('num-users')).toHaveText('2,000');

  const blocked = await page.evaluate(async () => {
    const out: string[] = [];
    await fetch('http://127.0.0.2:9/x').catch((e: unknown) => out.push(String(e)));
    // An injected inline script (what an XSS would add) must not run.
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.append(script);
    if (!(window as unknown as { __injected?: boolean }).__injected) out.push('inline script refused');
    return out;
  });
  expect(blocked).toHaveLength(2);
  await expect
    .poll(violations)
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^page: connect-src/),
        expect.stringMatching(/^page: script-src/),
      ]),
    );
  // The worker's own policy comes from its response header.
  const worker = page.workers()[0];
  await worker.evaluate(() => fetch('http://127.0.0.2:9/y').catch(() => undefined));
  await expect
    .poll(violations)
    .toEqual(expect.arrayContaining([expect.stringMatching(/^worker: connect-src/)]));
  await context.close();
});

for (const backend of ['wasm', 'cpu'] as const) {
  test(`no policy violation while the page loads and dnn trains on ${backend}`, async ({ page }) => {
    const violations = await recordViolations(page);
    await page.goto(`/${await demoLink(backend)}`);
    await expect(page.getByTestId('num-users')).toHaveText('200');
    // Demo links train by themselves.
    await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
    await expect(page.getByTestId('backend-name')).toHaveText(backend);
    // Our SIMD kernels compile under the policy ('wasm-unsafe-eval') and bind to tfjs-wasm's heap in the worker;
    // the page is cross-origin isolated, and tfjs-wasm's threads start where there are two physical cores by
    // tfjs's reckoning (half the logical ones, at most 8: src/engine/worker.ts), from files of the origin. A
    // build made with VITE_WASM_THREADS=N runs N (run this test with the same variable to check that path).
    if (backend === 'wasm') {
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      const forced = Number(process.env.VITE_WASM_THREADS ?? 0);
      const threads = forced >= 1 ? forced : Math.min(8, Math.floor(cores / 2));
      await expect(page.getByTestId('backend-device')).toHaveText(
        `WebAssembly SIMD, ${threads >= 2 ? `${threads} threads` : '1 thread'}, recplay SIMD kernels`,
      );
    }
    await expect(page.getByTestId('test-result')).toContainText('AUC');
    expect(await violations()).toEqual([]);
  });
}
