import { readFile, writeFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Download, Page } from '@playwright/test';
import { expect, setField, test } from './fixtures';

/** Clicks `testId` and returns the download it starts, with its bytes. */
async function downloadOf(
  page: Page,
  testId: string,
): Promise<{ name: string; bytes: Uint8Array; path: string }> {
  const [dl]: [Download, void] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByTestId(testId).click(),
  ]);
  const path = (await dl.path())!;
  return { name: dl.suggestedFilename(), bytes: new Uint8Array(await readFile(path)), path };
}

const text = (b: Uint8Array) => strFromU8(b);

test('exports every file after a short dnn run, and the model and run import back', async ({
  page,
}, info) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await expect(page.getByTestId('export-model')).toBeDisabled();

  // The dataset exports before any training.
  const recbole = await downloadOf(page, 'export-recbole');
  expect(recbole.name).toBe('demo_micro-videos-recbole.zip');
  const rb = unzipSync(recbole.bytes);
  const dir = 'demo_micro-videos/demo_micro-videos';
  expect(Object.keys(rb).sort()).toEqual([`${dir}.inter`, `${dir}.item`, `${dir}.user`, `${dir}.yaml`]);
  const inter = text(rb[`${dir}.inter`]).split('\n');
  expect(inter[0]).toBe('user_id:token\titem_id:token\trating:float\ttimestamp:float\tlabel:float');
  expect(inter.length).toBeGreaterThan(90_000);
  expect(text(rb[`${dir}.item`]).split('\n')[0]).toMatch(/^item_id:token\ttitle:token_seq\tcategory:token/);
  expect(text(rb[`${dir}.user`]).split('\n')).toHaveLength(2000 + 2); // header, rows, final newline
  expect(text(rb[`${dir}.yaml`])).toContain('load_col:');

  // A short dnn run.
  await page.getByTestId('model-picker').selectOption('dnn');
  await setField(page, 'Epochs', '1');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
  const trainedAuc = (await page.getByTestId('test-result').locator('strong').innerText()).trim();

  // Model: a zip of model.json (tfjs weights manifest + recplay section) and weights.bin.
  const model = await downloadOf(page, 'export-model');
  expect(model.name).toMatch(/^demo_micro-videos-dnn-run1-model\.zip$/);
  const mz = unzipSync(model.bytes);
  const manifest = JSON.parse(text(mz['model.json'])) as {
    weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
    recplay: { modelId: string; formatVersion: number; config: { embeddingDim: number } };
  };
  expect(manifest.weightsManifest[0].paths).toEqual(['weights.bin']);
  expect(manifest.recplay.modelId).toBe('dnn');
  const floats = manifest.weightsManifest[0].weights.reduce(
    (n, w) => n + w.shape.reduce((a, b) => a * b, 1),
    0,
  );
  expect(mz['weights.bin'].length).toBe(floats * 4);
  const dim = manifest.recplay.config.embeddingDim;

  // Embeddings for the projector.
  const vectors = text((await downloadOf(page, 'export-vectors')).bytes)
    .trimEnd()
    .split('\n');
  expect(vectors).toHaveLength(3000);
  expect(vectors[0].split('\t')).toHaveLength(dim);
  expect(vectors.every((l) => l.split('\t').every((x) => Number.isFinite(Number(x))))).toBe(true);
  const metadata = text((await downloadOf(page, 'export-metadata')).bytes)
    .trimEnd()
    .split('\n');
  expect(metadata).toHaveLength(3001);
  expect(metadata[0]).toBe('key\ttitle\tcategory\tauthor\tduration\tinteractions');

  // Top-K per test user.
  await page.getByLabel('Top K').fill('5');
  await page.getByLabel('Test users').fill('20');
  const topk = text((await downloadOf(page, 'export-topk')).bytes)
    .trimEnd()
    .split('\r\n');
  expect(topk[0]).toBe('user,rank,item,title,score');
  expect(topk).toHaveLength(1 + 20 * 5);
  expect(topk.slice(1, 6).map((l) => l.split(',')[1])).toEqual(['1', '2', '3', '4', '5']);
  const scores = topk.slice(1, 6).map((l) => Number(l.split(',').at(-1)));
  expect([...scores].sort((a, b) => b - a)).toEqual(scores);

  // The run as JSON.
  const runFile = await downloadOf(page, 'export-run');
  const runJson = JSON.parse(text(runFile.bytes)) as {
    format: string;
    run: { epochs: unknown[]; result: { test: { auc: number } }; loss: unknown[] };
  };
  expect(runJson.format).toBe('recplay-run');
  expect(runJson.run.epochs).toHaveLength(1);
  expect(runJson.run.loss.length).toBeGreaterThan(0);
  expect(runJson.run.result.test.auc.toFixed(4)).toBe(trainedAuc);

  // The training curves as SVG and PNG.
  const svg = text((await downloadOf(page, 'training-curves-svg')).bytes);
  expect(svg).toMatch(/^<\?xml/);
  expect(svg).toContain('Training loss');
  expect(svg).toMatch(/<path[^>]* d="M/);
  expect(svg).toContain('stroke:');
  await writeFile('reports/training-curves.svg', svg);
  const png = (await downloadOf(page, 'training-curves-png')).bytes;
  await writeFile('reports/training-curves.png', png);
  expect(Array.from(png.slice(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(png.length).toBeGreaterThan(2000);

  // The Explain area (here the run comparison) too.
  await page.getByTestId('views-panel').getByRole('tab', { name: 'Run comparison' }).click();
  const explain = text((await downloadOf(page, 'explain-view-svg')).bytes);
  expect(explain).toContain('Validation AUC of the ctr runs on Demo micro-videos');
  expect(explain).toMatch(/<circle[^>]*style="[^"]*fill:/);

  // Import the model back: scored on the same test split, the same AUC.
  await page.getByTestId('import-model-file').setInputFiles(model.path);
  await expect(page.getByTestId('imported-model')).toContainText('Imported dnn', { timeout: 60_000 });
  expect((await page.getByTestId('imported-model').locator('strong').innerText()).trim()).toBe(trainedAuc);
  await expect(
    page.getByTestId('export-panel').getByRole('heading', { name: /Model of imported dnn/ }),
  ).toBeVisible();

  // Import the run back: it joins the run list.
  await page.getByTestId('import-run-file').setInputFiles(runFile.path);
  await expect(page.getByTestId('export-note')).toContainText('Added the run');
  await expect(page.getByLabel('Run to export').locator('option')).toHaveText([
    '#1 dnn',
    /#\d+ dnn \(imported\)/,
  ]);

  // A file that is not a model: a clear message, nothing breaks.
  const bogus = info.outputPath('not-a-model.zip');
  await writeFile(bogus, 'hello');
  await page.getByTestId('import-model-file').setInputFiles(bogus);
  await expect(page.getByRole('alert')).toContainText('Not a zip file');
  const badRun = info.outputPath('bad-run.json');
  await writeFile(badRun, '{"format":"recplay-run","version":1,"run":{}}');
  await page.getByTestId('import-run-file').setInputFiles(badRun);
  await expect(page.getByRole('alert')).toContainText('damaged');

  await page.getByTestId('export-panel').screenshot({ path: info.outputPath('export-panel.png') });
  await page.screenshot({ path: 'reports/export-page.png', fullPage: true });
  await page.getByTestId('export-panel').screenshot({ path: 'reports/export-panel.png' });
});
