// Pictures of the app, taken in Debian's Chromium (CHROMIUM_PATH overrides); PREVIEW_PORT moves the server
// off 4174. After `npm run build`:
//   npm run screenshot            docs/screenshot.png, the README's: the 1280×800 screen after dnn's quick start
//   npm run screenshot -- og      public/og-image.png, the 1200×630 picture a shared link unfurls with
//                                 (the top of the page after a short run, drawn at 1.2× so it reads small)
//   npm run screenshot -- icons   public/icon-32.png, apple-touch-icon.png, icon-192.png and icon-512.png,
//                                 drawn from public/favicon.svg (needs no build)
import { readFile } from 'node:fs/promises';
import { launchChromium, startPreview } from './harness.mjs';
import { OG_IMAGE } from '../deploy/site.mjs';

const mode = process.argv[2] ?? 'readme';

async function train(page, url, epochs, backend) {
  await page.goto(`${url}/`);
  await page.getByTestId('num-users').waitFor();
  if (backend) await page.getByTestId('backend-picker').selectOption(backend);
  if (epochs) await page.getByLabel('Epochs', { exact: true }).fill(epochs);
  await page.getByRole('button', { name: 'Train' }).click();
  await page.getByTestId('run-status').filter({ hasText: 'Done' }).waitFor({ timeout: 300_000 });
}

async function icons(browser) {
  const svg = `data:image/svg+xml;base64,${(await readFile('public/favicon.svg')).toString('base64')}`;
  // iOS fills transparent corners with black and rounds the icon itself: that one gets a square background.
  const sizes = [
    { file: 'icon-32.png', size: 32, background: 'transparent' },
    { file: 'apple-touch-icon.png', size: 180, background: '#0072b2' },
    { file: 'icon-192.png', size: 192, background: 'transparent' },
    { file: 'icon-512.png', size: 512, background: 'transparent' },
  ];
  for (const { file, size, background } of sizes) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<body style="margin:0;background:${background}"><img src="${svg}" width="${size}" height="${size}" style="display:block"></body>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: `public/${file}`, omitBackground: background === 'transparent' });
    await page.close();
  }
}

const browser = await launchChromium();
try {
  if (mode === 'icons') {
    await icons(browser);
  } else if (mode === 'og' || mode === 'readme') {
    const server = await startPreview(Number(process.env.PREVIEW_PORT ?? 4174));
    try {
      if (mode === 'og') {
        const scale = 1.2;
        const viewport = { width: OG_IMAGE.width / scale, height: OG_IMAGE.height / scale };
        const page = await browser.newPage({ viewport, deviceScaleFactor: scale });
        // wasm by name: the automatic choice would explain, at length, why it passed over software GPUs.
        await train(page, server.url, process.env.EPOCHS ?? '4', 'wasm');
        // Pressing Train scrolled the form; the card shows the page's top: the title and the curves.
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `public/${OG_IMAGE.file}` });
      } else {
        // The loop on one laptop screen, as a person sees it: run bar, data, settings and curves together.
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
        // The quick start as a fresh page has it (EPOCHS overrides).
        await train(page, server.url, process.env.EPOCHS);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: process.env.OUT ?? 'docs/screenshot.png' });
      }
    } finally {
      server.stop();
    }
  } else {
    throw new Error(`unknown picture "${mode}": readme, og or icons`);
  }
} finally {
  await browser.close();
}
