import { build } from 'esbuild';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { GpuBackend, run } from './kernelCheck';

/**
 * Relative tolerance of per-step losses, GPU vs cpu. Both sum in float32, in other orders on the GPU; 8 steps
 * measured 2e-7 on webgl and 1e-7 on webgpu here (SwiftShader). A wrong kernel (a dropped row, a lost
 * gradient) moves a loss by far more.
 */
const LOSS_TOLERANCE = 1e-4;

/** Serves the bundled checks (e2e/kernelCheck.ts) into a page of the built app and runs them on `backend`. */
async function runChecks(page: Page, backend: GpuBackend) {
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
  const t0 = Date.now();
  const report = await page.evaluate(
    async ([url, b]) => {
      const m = (await import(/* @vite-ignore */ url)) as { run: typeof run };
      return m.run(b);
    },
    ['/__kernel_check.mjs', backend] as const,
  );
  console.log(`${backend} checks ran in ${Date.now() - t0} ms`);
  console.log(JSON.stringify({ ...report, training: undefined }));
  return report;
}

/**
 * Each sum within 1e-5 of the largest expected value (float32 sums in another order: 300,000 rows into 1,000
 * segments measured 2e-6 of it on webgpu); the int32 cases must be exact.
 */
function expectCasesRight(cases: Awaited<ReturnType<typeof run>>['cases']): void {
  for (const c of cases) expect(c.maxAbsError / c.scale, JSON.stringify(c)).toBeLessThan(1e-5);
  expect(cases.some((c) => c.int32)).toBe(true);
  for (const c of cases.filter((c) => c.int32)) expect(c.maxAbsError, JSON.stringify(c)).toBe(0);
}

function expectTrainingAgrees(report: Awaited<ReturnType<typeof run>>, backend: GpuBackend): void {
  for (const [model, { cpu, gpu, ms }] of Object.entries(report.training)) {
    expect(cpu.length, model).toBeGreaterThanOrEqual(3);
    expect(gpu.length, model).toBe(cpu.length);
    const worst = Math.max(...cpu.map((l, i) => Math.abs(gpu[i] - l) / Math.abs(l)));
    console.log(
      `${model}: ${cpu.length} steps, worst relative loss difference ${backend} vs cpu ${worst.toExponential(2)} ` +
        `(cpu ${Math.round(ms.cpu)} ms, ${backend} ${Math.round(ms.gpu)} ms)`,
    );
    expect(worst, model).toBeLessThan(LOSS_TOLERANCE);
    // The losses move: agreement of a frozen model would prove nothing.
    expect(cpu[0]).not.toBe(cpu[cpu.length - 1]);
  }
}

/** Our fused Adam runs in training and cuts the kernels (each a GPU pass or dispatch) a step issues. */
function expectFewerKernels(report: Awaited<ReturnType<typeof run>>, backend: GpuBackend): void {
  const { fused, stock, ours } = report.kernelsPerStep;
  console.log(`autoint step on ${backend}: ${fused} kernels with our Adam, ${stock} with tfjs's`);
  expect(ours).toBe(true);
  expect(fused).toBeLessThan(stock);
}

test('webgl (SwiftShader): our segment sum matches the reference, the self-check passes, our Adam cuts a step’s kernels, and dnn and autoint train like cpu', async ({
  page,
}) => {
  test.setTimeout(480_000);
  const report = await runChecks(page, 'webgl');
  expect(report.backend).toBe('webgl');
  expect(report.ours).toBe(true);
  expect(report.selfCheck.ok, JSON.stringify(report.selfCheck)).toBe(true);
  expectCasesRight(report.cases);
  expectFewerKernels(report, 'webgl');
  expectTrainingAgrees(report, 'webgl');
});

test('webgpu (SwiftShader): our WGSL segment sum matches the reference (float32 and int32), the self-check passes 11/11, our Adam cuts a step’s kernels, and dnn and autoint train like cpu', async ({
  page,
}) => {
  test.setTimeout(480_000);
  const report = await runChecks(page, 'webgpu');
  // Asserted before anything else: a forced backend that fails falls back silently.
  expect(report.backend).toBe('webgpu');
  expect(report.ours).toBe(true);
  expect(report.selfCheck.ok, JSON.stringify(report.selfCheck)).toBe(true);
  expect(report.selfCheck.checks).toHaveLength(11);
  expectFewerKernels(report, 'webgpu');
  expectCasesRight(report.cases);
  // The stock kernel it replaces, on the same cases: int32 sums come back as f32 bit patterns and ids past the
  // last segment wrap around, so it must be wrong somewhere (if tfjs fixes it, this says so).
  expect(
    typeof report.stockCases === 'string' || report.stockCases.some((c) => c.maxAbsError > 1e-3 * c.scale),
    JSON.stringify(report.stockCases),
  ).toBe(true);
  expectTrainingAgrees(report, 'webgpu');
});
