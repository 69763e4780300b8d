import { existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, test as base, chromium, type Worker } from '@playwright/test';
import { type Servers, STAND_IN_HOSTS, startServers } from './server.ts';

export { expect } from '@playwright/test';
export type { Servers } from './server.ts';

export const CHROMIUM_PATH = process.env.CUECARDS_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The unpacked extension to load: $CUECARDS_EXTENSION_DIR, or the end-to-end build
 * (`wxt build --mode e2e`), the production build with the overlay's shadow root open.
 */
export function extensionDir(): string {
  return path.resolve(process.env.CUECARDS_EXTENSION_DIR ?? '.output/chrome-mv3-e2e');
}

/** Sends the YouTube and Vimeo hosts to the local https server (see server.ts). */
export function hostResolverRules(httpsPort: number): string {
  return STAND_IN_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${httpsPort}`).join(', ');
}

export function makeUserDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'cuecards-profile-'));
}

export interface LaunchOptions {
  /** Port of the stand-in https server (`servers.httpsPort`). */
  httpsPort: number;
  /** Default true. */
  headless?: boolean;
  /** Reuse a profile (e.g. to restart the browser); default: a fresh temp dir, removed on close. */
  userDataDir?: string;
  /** Default: extensionDir(). */
  extension?: string;
  /** Default 1280x720; null lets a headful window size the page. */
  viewport?: { width: number; height: number } | null;
  /** Extra Chromium switches. */
  args?: string[];
}

/** The switches every browser of the tests and the bench gets, with or without Cuecards. */
export function chromiumArgs(httpsPort: number): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--autoplay-policy=no-user-gesture-required',
    `--host-resolver-rules=${hostResolverRules(httpsPort)}`,
    '--ignore-certificate-errors',
  ];
}

/** Chromium with the extension loaded, the stand-in hosts mapped and autoplay allowed. */
export async function launchBrowser(options: LaunchOptions): Promise<BrowserContext> {
  const ext = options.extension ?? extensionDir();
  if (!existsSync(path.join(ext, 'manifest.json'))) {
    throw new Error(`No extension at ${ext}: run \`npx wxt build\` or set CUECARDS_EXTENSION_DIR`);
  }
  const ownDir = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? makeUserDataDir();
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    // Playwright's --headless is Chromium's new headless mode, which runs extensions.
    headless: options.headless ?? true,
    viewport: options.viewport === undefined ? { width: 1280, height: 720 } : options.viewport,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      ...chromiumArgs(options.httpsPort),
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      ...(options.args ?? []),
    ],
  });
  if (ownDir) {
    // Chromium still writes to the profile while 'close' fires, hence the retries.
    const remove = () =>
      rm(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(
        () => undefined,
      );
    const close = context.close.bind(context);
    context.close = async (closeOptions) => {
      await close(closeOptions);
      await remove();
    };
    context.on('close', () => void remove());
  }
  return context;
}

/** The extension's MV3 service worker, waiting for it to start if needed. */
export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const isExtension = (w: Worker) => w.url().startsWith('chrome-extension://');
  return (
    context.serviceWorkers().find(isExtension) ??
    (await context.waitForEvent('serviceworker', { predicate: isExtension }))
  );
}

export function extensionIdOf(worker: Worker): string {
  return new URL(worker.url()).host;
}

interface TestFixtures {
  extensionId: string;
  worker: Worker;
}

interface WorkerFixtures {
  servers: Servers;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  servers: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructured argument.
    async ({}, use) => {
      const servers = await startServers();
      await use(servers);
      await servers.close();
    },
    { scope: 'worker' },
  ],
  context: async ({ servers }, use) => {
    const context = await launchBrowser({ httpsPort: servers.httpsPort });
    // A fresh profile installs the extension first; tests start once its worker runs.
    await extensionWorker(context);
    await use(context);
    await context.close();
  },
  // A persistent context opens with one blank tab; use it instead of opening a second one.
  page: async ({ context }, use) => {
    const page = context.pages()[0] ?? (await context.newPage());
    // A headless tab only gets real focus, which frames inside it need, when brought forward.
    await page.bringToFront();
    await use(page);
  },
  worker: async ({ context }, use) => {
    await use(await extensionWorker(context));
  },
  extensionId: async ({ worker }, use) => {
    await use(extensionIdOf(worker));
  },
});
