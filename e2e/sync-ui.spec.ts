// The Sync section of the library and the popup's sync line, against a real Apache WebDAV server.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openPopup } from './overlay.ts';
import { startApache, type WebDavServer } from './webdav-servers.ts';

let server: WebDavServer;

test.beforeAll(async () => {
  server = await startApache();
});

test.afterAll(async () => {
  await server.stop();
});

// Deriving the key from the passphrase takes a second or two on a loaded machine.
const connectTimeout = { timeout: 20_000 };

async function openSyncSection(context: BrowserContext, extensionId: string): Promise<Page> {
  const library = await context.newPage();
  await library.goto(`chrome-extension://${extensionId}/library.html#sync`);
  await expect(library.getByRole('heading', { name: 'Sync', level: 2 })).toBeVisible();
  return library;
}

async function fillConnectForm(
  library: Page,
  fields: { address: string; user: string; password: string; passphrase: string },
) {
  await library.getByLabel('Server address').fill(fields.address);
  await library.getByLabel('User name').fill(fields.user);
  await library.getByLabel('App password').fill(fields.password);
  await library.getByLabel('Encryption passphrase').fill(fields.passphrase);
}

/** Everything the extension keeps in storage.local, as text, to look for what must not be there. */
async function storedText(page: Page): Promise<string> {
  return page.evaluate(async () =>
    JSON.stringify(
      await (
        globalThis as unknown as {
          chrome: { storage: { local: { get(keys: null): Promise<object> } } };
        }
      ).chrome.storage.local.get(null),
    ),
  );
}

test('checks the address and the passphrase in the form, before anything is sent', async ({
  context,
  extensionId,
}) => {
  const library = await openSyncSection(context, extensionId);
  await expect(library.getByText('never a note, a card or your passphrase')).toBeVisible();
  const connect = library.getByRole('button', { name: 'Connect' });

  await connect.click();
  await expect(library.getByRole('alert')).toHaveText(
    'Fill in the server address, the user name and the app password.',
  );

  await fillConnectForm(library, {
    address: 'http://cloud.example.org/remote.php/dav/files/ana/',
    user: 'ana',
    password: 'app-password-1',
    passphrase: 'correct horse battery',
  });
  await connect.click();
  await expect(library.getByRole('alert')).toHaveText(
    'Type an address that starts with https:// (http:// only for a server on this computer), with no name or password in it.',
  );

  await library.getByLabel('Server address').fill(server.url);
  await library.getByLabel('Encryption passphrase').fill('short');
  await connect.click();
  await expect(library.getByRole('alert')).toHaveText(
    'The passphrase needs at least 8 characters.',
  );
  // What was typed stays in the form, and nothing of it is stored.
  await expect(library.getByLabel('Server address')).toHaveValue(server.url);
  await expect(library.getByLabel('App password')).toHaveValue('app-password-1');
  expect(await storedText(library)).not.toContain('app-password-1');
  expect(existsSync(path.join(server.root, 'Cuecards'))).toBe(false);
});

test('connects to the server, shows the state in the library and the popup, and disconnects', async ({
  context,
  page,
  extensionId,
}) => {
  const library = await openSyncSection(context, extensionId);
  const account = {
    address: server.url,
    user: server.user,
    password: 'not-the-password',
    passphrase: 'correct horse battery',
  };
  await fillConnectForm(library, account);
  const connect = library.getByRole('button', { name: 'Connect' });
  await connect.click();
  await expect(library.getByRole('alert')).toHaveText(
    'The server refused the user name or password.',
    connectTimeout,
  );
  await expect(connect).toBeEnabled();
  await expect(library.getByLabel('App password')).toHaveValue('not-the-password');
  expect(await storedText(library)).not.toContain('not-the-password');
  expect(await storedText(library)).not.toContain('correct horse battery');
  expect(existsSync(path.join(server.root, 'Cuecards'))).toBe(false);

  await library.getByLabel('App password').fill(server.password);
  await connect.click();
  await expect(library.getByText(`Connected to ${server.url} as ${server.user}.`)).toBeVisible(
    connectTimeout,
  );
  const stateLine = library.getByRole('status');
  await expect(stateLine).toHaveText(/^Synced at \d{1,2}:\d{2}\s[AP]M\.$/, connectTimeout);
  expect(await storedText(library)).not.toContain('correct horse battery');
  expect(existsSync(path.join(server.root, 'Cuecards'))).toBe(true);

  await library.getByRole('button', { name: 'Sync now' }).click();
  await expect(stateLine).toHaveText(/^Synced at /, connectTimeout);

  const popup = await openPopup(page, extensionId);
  const popupSync = popup.getByRole('region', { name: 'Sync' });
  await expect(popupSync.getByRole('status')).toHaveText(/^Synced at /, connectTimeout);
  await popupSync.getByRole('button', { name: 'Sync now' }).click();
  await expect(popupSync.getByRole('status')).toHaveText(/^Synced at /, connectTimeout);
  await popup.close();

  await expect(library.getByText('Everything stays on this device.')).toBeVisible();
  await library.getByRole('button', { name: 'Disconnect' }).click();
  await expect(connect).toBeVisible();
  // Connecting again needs the password and passphrase again, not the address.
  await expect(library.getByLabel('Server address')).toHaveValue(server.url);
  await expect(library.getByLabel('App password')).toHaveValue('');

  // The notes on the server were sealed with the first passphrase: another one does not open them.
  await fillConnectForm(library, {
    ...account,
    password: server.password,
    passphrase: 'another passphrase',
  });
  await connect.click();
  await expect(library.getByRole('alert')).toHaveText(
    'This passphrase does not open the notes already on this server.',
    connectTimeout,
  );
  await expect(connect).toBeVisible();

  const offPopup = await openPopup(page, extensionId);
  await expect(
    offPopup.getByRole('link', { name: 'Sync is off — set it up in the library' }),
  ).toBeVisible();
  await expect(offPopup.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
});
