// Opens the demo blog post in Chromium with the built extension.
//
//   npx tsx e2e/demo.ts                     headful; runs until the browser is closed
//   npx tsx e2e/demo.ts --headless          same, without a window
//   npx tsx e2e/demo.ts --screenshot FILE   headless: play the clip, save the viewport, exit
import type { BrowserContext, Page } from '@playwright/test';
import { launchBrowser } from './fixtures.ts';
import { startServers } from './server.ts';

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

async function takeScreenshot(page: Page, file: string) {
  const video = page.locator('video').first();
  await video.scrollIntoViewIfNeeded();
  await video.evaluate((v: HTMLVideoElement) => v.play());
  await page.waitForTimeout(2000);
  const overlay = page.locator('cuecards-overlay').first();
  const found = await overlay.waitFor({ state: 'attached', timeout: 10_000 }).then(
    () => true,
    () => false,
  );
  if (!found) console.warn('No <cuecards-overlay> after 10 s; taking the screenshot anyway.');
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
      viewport: headless ? { width: 1280, height: 800 } : null,
      args: headless ? [] : ['--window-size=1280,900'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
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
