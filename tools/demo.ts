// Opens the demo blog post in Chromium with the built extension.
//
//   npx tsx tools/demo.ts                     headful; runs until the browser is closed
//   npx tsx tools/demo.ts --headless          same, without a window
//   npx tsx tools/demo.ts --screenshot FILE   headless: take notes, save the viewport, exit
import path from 'node:path';
import type { BrowserContext, Frame, Locator, Page } from '@playwright/test';
import { demoDeckFile, importDeckFile } from '../e2e/demo-deck.ts';
import { extensionIdOf, extensionWorker, launchBrowser } from '../e2e/fixtures.ts';
import { startServers } from '../e2e/server.ts';

interface DemoArgs {
  headless: boolean;
  screenshot?: string;
}

function parseArgs(argv: string[]): DemoArgs {
  const args: DemoArgs = { headless: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--headless') args.headless = true;
    else if (arg === '--screenshot' && argv[i + 1]) args.screenshot = argv[++i];
    else throw new Error(`Unknown argument ${arg}; use --headless or --screenshot FILE`);
  }
  return args;
}

const demoNotes: Array<[number, string]> = [
  [8, 'Rocky chops wood in the snow #training'],
  [24, 'Wyoming doubles for the Soviet Union here: Jackson Hole, Grand Teton'],
  [41, 'Drago on the treadmill, all science'],
  [52, 'Snow, wood, a sled: no gym needed #training'],
];

function composerFrame(page: Page): Frame | undefined {
  return page.frames().find((frame) => frame.url().includes('/composer.html'));
}

async function seek(video: Locator, t: number) {
  await video.evaluate(async (element: HTMLVideoElement, time) => {
    const seeked = new Promise((resolve) =>
      element.addEventListener('seeked', resolve, { once: true }),
    );
    element.currentTime = time;
    await seeked;
  }, t);
}

/** Opens the editor with the page shortcut, as a viewer would, and types a note. */
async function typeNote(page: Page, text: string) {
  await page.keyboard.press('Alt+Shift+N');
  for (let i = 0; i < 50 && !composerFrame(page); i++) await page.waitForTimeout(100);
  const frame = composerFrame(page);
  if (!frame) throw new Error('The note editor did not open.');
  await frame.locator('textarea').waitFor();
  await page.keyboard.type(text);
}

async function takeScreenshot(page: Page, file: string) {
  const video = page.locator('video#montage');
  await page.locator('cuecards-overlay').first().waitFor({ state: 'attached', timeout: 10_000 });
  await video.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  for (const [t, text] of demoNotes) {
    await seek(video, t);
    await typeNote(page, text);
    await page.keyboard.press('Enter');
    for (let i = 0; i < 50 && composerFrame(page); i++) await page.waitForTimeout(100);
  }
  // A moment with a trivia card, the notes' markers along the top, and the toolbar shown.
  await seek(video, 16);
  await video.hover({ position: { x: 600, y: 300 }, force: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: file });
  console.log(`Screenshot written to ${file}`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const headless = args.headless || args.screenshot !== undefined;
  const servers = await startServers();
  let context: BrowserContext | undefined;
  try {
    context = await launchBrowser({
      httpsPort: servers.httpsPort,
      headless,
      // The production build, with the overlay in a closed shadow root.
      extension: path.resolve('.output/chrome-mv3'),
      viewport: headless ? { width: 1280, height: 800 } : null,
      args: headless ? [] : ['--window-size=1280,900'],
    });
    // The post ships its trivia as a deck file, imported as a viewer would import a shared deck.
    const extensionId = extensionIdOf(await extensionWorker(context));
    const imported = await importDeckFile(context, extensionId, demoDeckFile(servers.blog));
    if (!imported.ok) throw new Error(`The demo deck did not import: ${imported.error}`);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.bringToFront();
    const url = `${servers.blog}/blog.html`;
    await page.goto(url, { waitUntil: 'load' });
    if (args.screenshot) {
      await takeScreenshot(page, args.screenshot);
    } else {
      console.log(
        `Demo at ${url} (YouTube stand-in: https://www.youtube.com/watch?v=dQw4w9WgXcQ).`,
      );
      console.log('Close the browser (or press Ctrl+C) to stop.');
      const open = context;
      await new Promise<void>((resolve) => open.on('close', () => resolve()));
    }
  } finally {
    await context?.close();
    await servers.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
