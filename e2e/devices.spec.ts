// Two browser profiles, as two computers, syncing through a real Apache WebDAV server.
import type { BrowserContext, Page } from '@playwright/test';
import { type FaultProxy, startFaultProxy } from './fault-proxy.ts';
import { expect, extensionIdOf, extensionWorker, launchBrowser, test } from './fixtures.ts';
import {
  addNoteWithButton,
  editorField,
  openNotesList,
  seekVideo,
  waitForOverlay,
} from './overlay.ts';
import { startApache, type WebDavServer } from './webdav-servers.ts';

let server: WebDavServer;
let proxy: FaultProxy;
test.beforeAll(async () => {
  server = await startApache();
  proxy = await startFaultProxy(server.url);
});
test.afterAll(async () => {
  await proxy.stop();
  await server.stop();
});

// Deriving the key (600,000 rounds) and a first round take a few seconds on a loaded machine.
const syncTimeout = { timeout: 30_000 };
const passphrase = 'drago must fall in moscow';

let spaces = 0;
/** A folder of its own on the server for each test, as a viewer's own account would be. */
async function newSpace(): Promise<string> {
  spaces++;
  const folder = `devices${spaces}`;
  const made = await fetch(`${server.url}${folder}/`, {
    method: 'MKCOL',
    headers: { authorization: `Basic ${btoa(`${server.user}:${server.password}`)}` },
  });
  expect(made.status).toBe(201);
  return folder;
}

async function connect(context: BrowserContext, address: string): Promise<Page> {
  const extensionId = extensionIdOf(await extensionWorker(context));
  const library = await context.newPage();
  await library.goto(`chrome-extension://${extensionId}/library.html#sync`);
  await library.getByLabel('Server address').fill(address);
  await library.getByLabel('User name').fill(server.user);
  await library.getByLabel('App password').fill(server.password);
  await library.getByLabel('Encryption passphrase').fill(passphrase);
  await library.getByRole('button', { name: 'Connect' }).click();
  await expect(library.getByRole('status')).toHaveText(/^Synced at /, syncTimeout);
  return library;
}

async function syncNow(library: Page) {
  await library.bringToFront();
  await library.getByRole('button', { name: 'Sync now' }).click();
  await expect(library.getByRole('status')).toHaveText(/^Synced at [^.]*\.$/, syncTimeout);
}

async function notesOf(page: Page) {
  await page.bringToFront();
  return openNotesList(page, page.locator('video'));
}

test('a note made on one device shows on the other after Sync now, and by itself on the timer', async ({
  context,
  page,
  servers,
}) => {
  test.setTimeout(180_000);
  const address = `${server.url}${await newSpace()}/`;
  const url = `${servers.blog}/plain.html`;
  await page.goto(url);
  await waitForOverlay(page);
  const video = page.locator('video');
  await seekVideo(video, 21);
  await addNoteWithButton(page, page, video, 'Made before connecting');
  const laptopLibrary = await connect(context, address);

  const desktop = await launchBrowser({ httpsPort: servers.httpsPort });
  try {
    const desktopLibrary = await connect(desktop, address);
    const desktopPage = await desktop.newPage();
    await desktopPage.goto(url);
    await waitForOverlay(desktopPage);
    const desktopList = await notesOf(desktopPage);
    await expect(desktopList.getByRole('listitem')).toHaveText([/0:21\s*Made before connecting/]);

    await page.bringToFront();
    await seekVideo(video, 34);
    await addNoteWithButton(page, page, video, 'Sent with Sync now');
    await syncNow(laptopLibrary);
    await syncNow(desktopLibrary);
    await expect(desktopList.getByRole('listitem')).toHaveText([
      /0:21\s*Made before connecting/,
      /0:34\s*Sent with Sync now/,
    ]);

    // Neither device is asked: the laptop sends a few seconds after the edit, the desktop's
    // timer (once a minute) brings it over.
    await page.bringToFront();
    await seekVideo(video, 47);
    await addNoteWithButton(page, page, video, 'Sent by itself');
    await expect(desktopList.getByRole('listitem')).toHaveText(
      [/0:21/, /0:34/, /0:47\s*Sent by itself/],
      { timeout: 150_000 },
    );
  } finally {
    await desktop.close();
  }
});

test('concurrent edits of one note show the winner and the conflict copy on both devices', async ({
  context,
  page,
  servers,
}) => {
  test.setTimeout(120_000);
  const address = `${server.url}${await newSpace()}/`;
  const url = `${servers.blog}/plain.html`;
  await page.goto(url);
  await waitForOverlay(page);
  const video = page.locator('video');
  await seekVideo(video, 12);
  await addNoteWithButton(page, page, video, 'Where was the barn?');
  const laptopLibrary = await connect(context, address);
  const desktop = await launchBrowser({ httpsPort: servers.httpsPort });
  try {
    const desktopLibrary = await connect(desktop, address);
    const desktopPage = await desktop.newPage();
    await desktopPage.goto(url);
    await waitForOverlay(desktopPage);

    const edit = async (on: Page, text: string) => {
      const list = await notesOf(on);
      await list.getByRole('button', { name: 'Edit note at 0:12' }).first().click();
      await expect(editorField(on)).toBeFocused();
      await on.keyboard.press('ControlOrMeta+A');
      await on.keyboard.type(text);
      await on.keyboard.press('Enter');
      await expect(list.getByText(text)).toBeVisible();
      return list;
    };
    // Each edits before hearing of the other's edit.
    const laptopList = await edit(page, 'Filmed in Wyoming');
    const desktopList = await edit(desktopPage, 'Filmed in Jackson Hole');
    await syncNow(laptopLibrary);
    await syncNow(desktopLibrary);
    await syncNow(laptopLibrary);

    for (const list of [laptopList, desktopList]) {
      await expect(list.getByRole('listitem')).toHaveCount(2);
      await expect(list.getByText('Filmed in Wyoming')).toBeVisible();
      await expect(list.getByText('Filmed in Jackson Hole')).toBeVisible();
      await expect(list.getByText('Conflict copy')).toHaveCount(1);
    }
    // The same one is the copy on both.
    const copyOn = async (list: typeof laptopList) =>
      list.getByRole('listitem').filter({ hasText: 'Conflict copy' }).textContent();
    expect(await copyOn(desktopList)).toBe(await copyOn(laptopList));
  } finally {
    await desktop.close();
  }
});

test('a worker stopped in the middle of a sync completes it at the next one, nothing twice', async ({
  context,
  page,
  servers,
}) => {
  test.setTimeout(120_000);
  const folder = await newSpace();
  const url = `${servers.blog}/plain.html`;
  await page.goto(url);
  await waitForOverlay(page);
  const video = page.locator('video');
  for (const [t, text] of [
    [5, 'First'],
    [15, 'Second'],
    [25, 'Third'],
  ] as const) {
    await seekVideo(video, t);
    await addNoteWithButton(page, page, video, text);
  }
  await connect(context, `${server.url}${folder}/`);

  const desktop = await launchBrowser({ httpsPort: servers.httpsPort });
  try {
    // The desktop reaches the server through a proxy that holds every file it reads.
    proxy.decideWith((request) =>
      request.method === 'GET' ? { kind: 'slow', ms: 4_000 } : undefined,
    );
    const worker = await extensionWorker(desktop);
    const extensionId = extensionIdOf(worker);
    const library = await desktop.newPage();
    await library.goto(`chrome-extension://${extensionId}/library.html#sync`);
    await library.getByLabel('Server address').fill(`${proxy.url}${folder}/`);
    await library.getByLabel('User name').fill(server.user);
    await library.getByLabel('App password').fill(server.password);
    await library.getByLabel('Encryption passphrase').fill(passphrase);
    await library.getByRole('button', { name: 'Connect' }).click();
    await expect(library.getByRole('status')).toHaveText(/^Syncing/, syncTimeout);
    await expect.poll(() => proxy.forwarded.some((r) => r.method === 'GET')).toBe(true);

    const cdp = await desktop.newCDPSession(library);
    await cdp.send('ServiceWorker.enable');
    const stopped = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((version) => version.runningStatus === 'stopped')) resolve();
      });
    });
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
    proxy.decideWith(undefined);

    await library.reload();
    await syncNow(library);
    const desktopPage = await desktop.newPage();
    await desktopPage.goto(url);
    await waitForOverlay(desktopPage);
    const list = await notesOf(desktopPage);
    await expect(list.getByRole('listitem')).toHaveText([
      /0:05\s*First/,
      /0:15\s*Second/,
      /0:25\s*Third/,
    ]);
    await syncNow(library);
    await expect(list.getByRole('listitem')).toHaveCount(3);
  } finally {
    proxy.decideWith(undefined);
    await desktop.close();
  }
});
