import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { linkFor } from './links';

// SwiftShader's WebGPU adapter starts here. tfjs-backend-webgpu 4.22's own UnsortedSegmentSum is wrong (int32 sums
// come back as f32 bit patterns, ids past the last segment wrap around), so the self-check refused webgpu until our
// kernel (src/engine/kernels/UnsortedSegmentSum.webgpu.ts) replaced it; kernels.spec.ts checks it and training.
test('webgpu (SwiftShader) asked for: the adapter starts, the self-check passes 11/11 with our segment sum, and the app runs on it', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await page.getByTestId('backend-picker').selectOption('webgpu');
  await expect(page.getByTestId('backend-name')).toHaveText('webgpu', { timeout: 60_000 });
  await expect(page.getByTestId('self-check')).toHaveText(/✓ 11\/11/);
  await expect(page.getByTestId('backend')).not.toContainText('unavailable');
});

/**
 * Trains dnn on `backend` from a demo link, makes the worker's GPU go away after the epoch-1 checkpoint (`lose`
 * runs in the worker and says whether it found the device), then checks the message naming `lostText`, a usable
 * app, and that continuing on `next` finishes the run.
 */
async function loseMidRunAndContinue(
  page: Page,
  backend: 'webgpu' | 'webgl',
  next: string,
  lostText: string,
  lose: () => boolean,
): Promise<void> {
  test.setTimeout(480_000);
  const link = await linkFor({
    d: { kind: 'demo', seed: 4, users: 100, items: 100 },
    m: 'dnn',
    t: { epochs: 3, batchSize: 256 },
    b: backend,
  });
  const t0 = Date.now();
  // Demo links train by themselves on opening.
  await page.goto(`/${link}`);
  // Asserted first: a forced backend that fails falls back silently.
  await expect(page.getByTestId('backend-name')).toHaveText(backend, { timeout: 60_000 });
  const row = page.getByTestId('saved-run-1');
  await expect(row).toContainText('(ckpt 1)', { timeout: 240_000 });
  console.log(`epoch 1 on ${backend} (SwiftShader) after ${Date.now() - t0} ms`);

  const worker = page.workers().find((w) => w.url().includes('worker'));
  expect(worker, 'the training worker').toBeDefined();
  expect(await worker!.evaluate(lose), `the worker's ${backend} device`).toBe(true);

  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText(lostText, { timeout: 60_000 });
  await expect(alert).toContainText('continue the run from its last checkpoint');
  await expect(page.getByTestId('run-status')).toHaveText('Failed');
  // The app stays usable: same data, Train enabled.
  await expect(page.getByTestId('num-users')).toHaveText('100');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();

  const banner = page.getByTestId('continue-banner');
  await expect(banner).toBeVisible();
  await page.screenshot({ path: `test-results/${backend}-lost.png`, fullPage: true });
  const label = `Continue run 1 from epoch 1 on ${next}, after the failure on ${backend}`;
  await banner.getByRole('button', { name: label, exact: true }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('backend-name')).toHaveText(next, { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 240_000 });
  await expect(page.getByTestId('auc-chart').locator('circle')).toHaveCount(6);
  await expect(page.getByTestId('test-result')).toContainText('AUC');
  await expect(row).toContainText('done');
  await expect(row).toContainText('3/3');
  console.log(`lost, continued and finished on ${next} after ${Date.now() - t0} ms`);
}

// A lost WebGPU device mid-run (here `device.destroy()` on the worker's backend, as a driver reset would).
test('the WebGPU device is lost mid-run: a message naming it, a usable app, and the run continues on webgl', async ({
  page,
}) => {
  await loseMidRunAndContinue(page, 'webgpu', 'webgl', 'The GPU device was lost', () => {
    const engine = (
      globalThis as { _tfengine?: { registry: Record<string, { device?: { destroy(): void } }> } }
    )._tfengine;
    const device = engine?.registry.webgpu?.device;
    device?.destroy();
    return Boolean(device);
  });
});

// The same fault on webgl: the backend's own WebGL context goes away under it.
test('the WebGL context is lost mid-run: a message naming it, a usable app, and the run continues on wasm', async ({
  page,
}) => {
  await loseMidRunAndContinue(page, 'webgl', 'wasm', 'The WebGL context was lost', () => {
    type Gl = { getExtension(name: string): { loseContext(): void } | null };
    const engine = (globalThis as { _tfengine?: { registry: Record<string, { gpgpu?: { gl: Gl } }> } })
      ._tfengine;
    const ext = engine?.registry.webgl?.gpgpu?.gl.getExtension('WEBGL_lose_context');
    ext?.loseContext();
    return Boolean(ext);
  });
});
