import { expect, test } from './fixtures';
import { linkFor } from './links';

// SwiftShader's WebGPU adapter starts here. tfjs-backend-webgpu 4.22's own UnsortedSegmentSum is wrong (int32 sums
// come back as f32 bit patterns, ids past the last segment wrap around), so the self-check refused webgpu until our
// kernel (src/engine/kernels/UnsortedSegmentSum.webgpu.ts) replaced it; kernels.spec.ts checks it and training.
test('webgpu (SwiftShader) asked for: the adapter starts, the self-check passes 5/5 with our segment sum, and the app runs on it', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await page.getByTestId('backend-picker').selectOption('webgpu');
  await expect(page.getByTestId('backend-name')).toHaveText('webgpu', { timeout: 60_000 });
  await expect(page.getByTestId('self-check')).toHaveText(/self-check ✓ 5\/5/);
  await expect(page.getByTestId('backend')).not.toContainText('unavailable');
});

// A lost WebGPU device mid-run (here `device.destroy()` on the worker's backend, as a driver reset would).
test('the WebGPU device is lost mid-run: a message naming it, a usable app, and the run continues on webgl', async ({
  page,
}) => {
  test.setTimeout(480_000);
  const link = await linkFor({
    d: { kind: 'demo', seed: 4, users: 100, items: 100 },
    m: 'dnn',
    t: { epochs: 3, batchSize: 256 },
    b: 'webgpu',
  });
  const t0 = Date.now();
  // Demo links train by themselves on opening.
  await page.goto(`/${link}`);
  // Asserted first: a forced backend that fails falls back silently.
  await expect(page.getByTestId('backend-name')).toHaveText('webgpu', { timeout: 60_000 });
  const row = page.getByTestId('saved-run-1');
  await expect(row).toContainText('(ckpt 1)', { timeout: 240_000 });
  console.log(`epoch 1 on webgpu (SwiftShader) after ${Date.now() - t0} ms`);

  const worker = page.workers().find((w) => w.url().includes('worker'));
  expect(worker, 'the training worker').toBeDefined();
  const destroyed = await worker!.evaluate(() => {
    const engine = (
      globalThis as { _tfengine?: { registry: Record<string, { device?: { destroy(): void } }> } }
    )._tfengine;
    const device = engine?.registry.webgpu?.device;
    device?.destroy();
    return Boolean(device);
  });
  expect(destroyed, 'the worker’s webgpu device').toBe(true);

  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('The GPU device was lost', { timeout: 60_000 });
  await expect(alert).toContainText('continue the run from its last checkpoint');
  await expect(page.getByTestId('run-status')).toHaveText('Failed');
  // The app stays usable: same data, Train enabled.
  await expect(page.getByTestId('num-users')).toHaveText('100');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();

  const banner = page.getByTestId('continue-banner');
  await expect(banner).toBeVisible();
  await page.screenshot({ path: 'test-results/webgpu-lost.png', fullPage: true });
  await banner
    .getByRole('button', { name: /^Continue run 1 from epoch 1 on webgl, after the failure on webgpu$/ })
    .click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('backend-name')).toHaveText('webgl', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 240_000 });
  await expect(page.getByTestId('auc-chart').locator('circle')).toHaveCount(6);
  await expect(page.getByTestId('test-result')).toContainText('AUC');
  await expect(row).toContainText('done');
  await expect(row).toContainText('3/3');
  console.log(`lost, continued and finished on webgl after ${Date.now() - t0} ms`);
});

// The same fault on webgl: a lost WebGL context.
test('the WebGL context is lost mid-run: a message naming it, a usable app, and the run continues on wasm', async ({
  page,
}) => {
  test.setTimeout(480_000);
  const link = await linkFor({
    d: { kind: 'demo', seed: 4, users: 100, items: 100 },
    m: 'dnn',
    t: { epochs: 3, batchSize: 256 },
    b: 'webgl',
  });
  const t0 = Date.now();
  // Demo links train by themselves on opening.
  await page.goto(`/${link}`);
  await expect(page.getByTestId('backend-name')).toHaveText('webgl', { timeout: 60_000 });
  const row = page.getByTestId('saved-run-1');
  await expect(row).toContainText('(ckpt 1)', { timeout: 240_000 });
  console.log(`epoch 1 on webgl (SwiftShader) after ${Date.now() - t0} ms`);

  const worker = page.workers().find((w) => w.url().includes('worker'));
  expect(worker, 'the training worker').toBeDefined();
  // What a lost context looks like to tfjs: the backend's own WebGL context goes away under it.
  const lost = await worker!.evaluate(() => {
    type Gl = { getExtension(name: string): { loseContext(): void } | null };
    const engine = (globalThis as { _tfengine?: { registry: Record<string, { gpgpu?: { gl: Gl } }> } })
      ._tfengine;
    const ext = engine?.registry.webgl?.gpgpu?.gl.getExtension('WEBGL_lose_context');
    ext?.loseContext();
    return Boolean(ext);
  });
  expect(lost, 'the worker’s webgl context').toBe(true);

  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('The WebGL context was lost', { timeout: 60_000 });
  await expect(alert).toContainText('continue the run from its last checkpoint');
  await expect(page.getByTestId('run-status')).toHaveText('Failed');
  // The app stays usable: same data, Train enabled.
  await expect(page.getByTestId('num-users')).toHaveText('100');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();

  const banner = page.getByTestId('continue-banner');
  await expect(banner).toBeVisible();
  await page.screenshot({ path: 'test-results/webgl-lost.png', fullPage: true });
  await banner
    .getByRole('button', { name: /^Continue run 1 from epoch 1 on wasm, after the failure on webgl$/ })
    .click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('backend-name')).toHaveText('wasm', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 240_000 });
  await expect(page.getByTestId('auc-chart').locator('circle')).toHaveCount(6);
  await expect(page.getByTestId('test-result')).toContainText('AUC');
  await expect(row).toContainText('done');
  await expect(row).toContainText('3/3');
  console.log(`lost, continued and finished on wasm after ${Date.now() - t0} ms`);
});
