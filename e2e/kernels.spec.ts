import { build } from 'esbuild';
import { expect, test } from './fixtures';
import type { run } from './kernelCheck';

/**
 * Relative tolerance of per-step losses, webgl vs cpu. Both sum in float32, in other orders on the GPU; 8 steps
 * measured 2e-7 here (SwiftShader). A wrong kernel (a dropped row, a lost gradient) moves a loss by far more.
 */
const LOSS_TOLERANCE = 1e-4;

test('webgl (SwiftShader): our segment sum matches the reference, the self-check passes, and dnn and autoint train like cpu', async ({
  page,
}) => {
  test.setTimeout(480_000);
  // The checks are bundled now and served into a page of the built app; none of it is in dist/.
  const bundle = await build({
    entryPoints: ['e2e/kernelCheck.ts'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
    mainFields: ['module', 'browser', 'main'],
  });
  await page.route('**/__kernel_check.mjs', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: bundle.outputFiles[0].text }),
  );
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  const report = await page.evaluate(async (url) => {
    const m = (await import(/* @vite-ignore */ url)) as { run: typeof run };
    return m.run();
  }, '/__kernel_check.mjs');
  console.log(JSON.stringify({ ...report, training: undefined, speed: report.speed }));

  expect(report.backend).toBe('webgl');
  expect(report.ours).toBe(true);
  expect(report.selfCheck.ok, JSON.stringify(report.selfCheck)).toBe(true);
  for (const c of report.cases) expect(c.maxAbsError, JSON.stringify(c)).toBeLessThan(1e-4);

  for (const [model, { cpu, webgl }] of Object.entries(report.training)) {
    expect(cpu.length, model).toBeGreaterThanOrEqual(3);
    expect(webgl.length, model).toBe(cpu.length);
    const worst = Math.max(...cpu.map((l, i) => Math.abs(webgl[i] - l) / Math.abs(l)));
    console.log(
      `${model}: ${cpu.length} steps, worst relative loss difference webgl vs cpu ${worst.toExponential(2)}`,
    );
    expect(worst, model).toBeLessThan(LOSS_TOLERANCE);
    // The losses move: agreement of a frozen model would prove nothing.
    expect(cpu[0]).not.toBe(cpu[cpu.length - 1]);
  }
});
