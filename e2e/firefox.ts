import { existsSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from 'puppeteer-core';

/**
 * Debian's Firefox ESR driven over WebDriver BiDi with puppeteer-core, with the Firefox build
 * installed as a temporary add-on. Puppeteer keeps a fresh profile per launch and removes it
 * on close.
 */

export const FIREFOX_PATH = process.env.CUECARDS_FIREFOX ?? '/usr/bin/firefox-esr';

/** The Firefox build (`wxt build -b firefox`): $CUECARDS_FIREFOX_EXTENSION_DIR, or the default. */
export function firefoxExtensionDir(): string {
  return path.resolve(process.env.CUECARDS_FIREFOX_EXTENSION_DIR ?? '.output/firefox-mv2');
}

const ADDON_ID = 'cuecards@cuecards.app';
/** Firefox draws a random moz-extension:// host per install; the profile is told this one. */
export const FIREFOX_EXTENSION_UUID = '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

export async function launchFirefox(options: { downloadDir?: string } = {}): Promise<Browser> {
  const ext = firefoxExtensionDir();
  if (!existsSync(path.join(ext, 'manifest.json'))) {
    throw new Error(`No extension at ${ext}: run \`npx wxt build -b firefox\``);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // Lets the automation open the extension's own pages (the popup, the library) in a tab.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: FIREFOX_EXTENSION_UUID }),
      'media.autoplay.default': 0,
      'media.autoplay.blocking_policy': 0,
      ...(options.downloadDir
        ? {
            'browser.download.folderList': 2,
            'browser.download.dir': options.downloadDir,
            'browser.download.useDownloadDir': true,
            'browser.download.always_ask_before_handling_new_types': false,
            // The downloads panel would take the window's focus from the next test's tab.
            'browser.download.alwaysOpenPanel': false,
          }
        : {}),
    },
  });
  try {
    await browser.installExtension(ext);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return browser;
}

// What this file reaches past puppeteer's public API for: a WebDriver BiDi call with options
// puppeteer does not expose (closed shadow roots), and a navigation whose events Firefox keeps
// to itself (extension pages).
interface EvaluateResult {
  type: 'success' | 'exception';
  result?: {
    type: string;
    sharedId?: string;
    value?: { shadowRoot?: { sharedId?: string } | null };
  };
  exceptionDetails?: { text?: string };
}
interface BidiFrameInternals {
  mainRealm(): {
    realm: {
      callFunction(source: string, awaitPromise: boolean, options: object): Promise<EvaluateResult>;
      session: { send(method: string, params: object): Promise<{ result: EvaluateResult }> };
    };
    createHandle(value: unknown): ElementHandle<Node>;
  };
  browsingContext: { navigate(url: string, wait: 'complete'): Promise<void> };
}
const internals = (frame: Frame) => frame as unknown as BidiFrameInternals;

/**
 * The shadow root of the first element matching `hostSelector` in the frame, closed or open,
 * as an element handle to query in; null while there is none.
 */
export async function shadowRootOf(
  frame: Frame,
  hostSelector: string,
): Promise<ElementHandle<ShadowRoot> | null> {
  const realm = internals(frame).mainRealm();
  // BiDi serializes a closed shadow root too when asked to (includeShadowTree: 'all').
  const host = await realm.realm.callFunction('(s) => document.querySelector(s)', true, {
    arguments: [{ type: 'string', value: hostSelector }],
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 1 },
    resultOwnership: 'none',
  });
  const sharedId = host.result?.value?.shadowRoot?.sharedId;
  if (host.type !== 'success' || !sharedId) return null;
  const root = await realm.realm.callFunction('(root) => root', true, {
    arguments: [{ sharedId }],
    serializationOptions: { maxDomDepth: 0 },
    resultOwnership: 'root',
  });
  if (root.type !== 'success' || !root.result) return null;
  return realm.createHandle(root.result) as ElementHandle<ShadowRoot>;
}

/**
 * Evaluates `expression` in the page inside an iframe of the frame: also in one of the
 * extension's own pages (the note editor), which puppeteer does not list as frames.
 */
export async function evaluateInside(
  frame: Frame,
  iframe: ElementHandle<Element>,
  expression: string,
): Promise<unknown> {
  const { realm } = internals(frame).mainRealm();
  const sharedId = (iframe as unknown as { remoteValue(): { sharedId?: string } }).remoteValue()
    .sharedId;
  const window = (await realm.callFunction('(f) => f.contentWindow', true, {
    arguments: [{ sharedId }],
    resultOwnership: 'none',
  })) as { result?: { value?: { context?: string } } };
  const context = window.result?.value?.context;
  if (!context) return undefined;
  const { result } = await realm.session.send('script.evaluate', {
    expression,
    awaitPromise: true,
    target: { context },
  });
  const value = result as unknown as { type: string; result?: { value?: unknown } };
  return value.type === 'success' ? value.result?.value : undefined;
}

/** Opens one of the extension's pages (popup.html, library.html) in a tab of its own. */
export async function openExtensionPage(browser: Browser, page: string): Promise<Page> {
  const tab = await browser.newPage();
  await internals(tab.mainFrame()).browsingContext.navigate(
    `${FIREFOX_EXTENSION_ORIGIN}/${page}`,
    'complete',
  );
  return tab;
}
