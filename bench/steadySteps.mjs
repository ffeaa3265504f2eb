// Page against Node, a ctr model's training steps once warm: trains the model on wasm in the built app's
// worker and in Node (`bench/steadySteps.ts`), in turns, and compares the mean milliseconds a step between
// --from and --to seconds after the first step (counted by the optimizer's kernels, one per variable, in
// both places). Unlike `browser.mjs --node`, which compares whole one-epoch runs (warm-up included, ±30 %
// on this shared VM), it shows whether a step itself is slower in the page.
//   npm run build && node bench/steadySteps.mjs --models amfr,autoint [--rounds 2] [--from 3 --to 8]
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { launchChromium, startPreview } from '../e2e/harness.mjs';

const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'amfr' },
    rounds: { type: 'string', default: '2' },
    from: { type: 'string', default: '3' },
    to: { type: 'string', default: '8' },
    port: { type: 'string', default: '4176' },
  },
});
const [from, to] = [Number(args.from), Number(args.to)];

function nodeSteps(model) {
  const r = spawnSync(
    'node',
    ['bench/run.mjs', '--entry', 'steadySteps', '--model', model, '--from', args.from, '--to', args.to],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`Node run failed for ${model}: ${r.stderr.slice(-500)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

async function pageSteps(browser, url, model, vars) {
  const page = await browser.newPage();
  await page.goto(`${url}/`);
  await page.getByTestId('num-users').waitFor();
  await page.getByTestId('model-picker').selectOption(model);
  await page.getByTestId('backend-picker').selectOption('wasm');
  await page.getByLabel('Epochs', { exact: true }).fill('20');
  const [worker] = page.workers();
  // tfjs keeps its engine on the global object (`_tfengine`), the worker's here.
  await worker.evaluate((vars) => {
    const engine = self._tfengine;
    const run = engine.runKernel.bind(engine);
    self.__stamps = [];
    let calls = 0;
    engine.runKernel = (name, ...rest) => {
      if (name === 'RecplayAdamStep' && calls++ % vars === 0) self.__stamps.push(performance.now());
      return run(name, ...rest);
    };
  }, vars);
  await page.getByRole('button', { name: 'Train' }).click();
  // Workers have no waitForFunction: poll.
  const started = Date.now();
  while (
    !(await worker.evaluate(
      (to) => self.__stamps.length > 0 && performance.now() - self.__stamps[0] >= to,
      to * 1000,
    ))
  ) {
    if (Date.now() - started > 120_000) throw new Error(`${model}: no ${to} s of training in the page`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const stamps = await worker.evaluate(() => self.__stamps);
  await page.close();
  const inWindow = stamps.filter((t) => t - stamps[0] >= from * 1000 && t - stamps[0] < to * 1000);
  const ms = (inWindow.at(-1) - inWindow[0]) / (inWindow.length - 1);
  return { where: 'page', model, vars, steps: inWindow.length, ms_per_step: +ms.toFixed(2) };
}

const server = await startPreview(Number(args.port));
try {
  const browser = await launchChromium();
  for (let r = 0; r < Number(args.rounds); r++) {
    for (const model of args.models.split(',')) {
      const node = nodeSteps(model);
      const page = await pageSteps(browser, server.url, model, node.vars);
      console.log(JSON.stringify(node));
      console.log(
        JSON.stringify({ ...page, page_over_node_time: +(page.ms_per_step / node.ms_per_step).toFixed(3) }),
      );
    }
  }
  await browser.close();
} finally {
  server.stop();
}
