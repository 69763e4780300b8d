import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApache, startRclone, type WebDavServer } from '../../e2e/webdav-servers';
import { accountPath, ConnectError, openAccount } from './account';
import { newKeyParameters, open, seal } from './envelope';
import { connectRemote } from './webdav';

// A quicker key for the suite; the slow default is tested in envelope.test.ts.
const quick = () => ({ ...newKeyParameters(), iterations: 100_000 });
const passphrase = 'drago must fall in Moscow';

async function problemOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'opened';
  } catch (error) {
    return error instanceof ConnectError ? error.problem : String(error);
  }
}

/** Every file and folder under the server's root, to see that nothing was written. */
function tree(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).sort();
}

describe.each([
  ['Apache mod_dav', () => startApache()],
  ['rclone serve webdav', () => startRclone()],
])('the sync space on %s', (_name, start) => {
  let server: WebDavServer;
  beforeAll(async () => {
    server = await start();
  }, 20_000);
  afterAll(() => server?.stop());
  const remote = (password = server.password) =>
    connectRemote({ url: server.url, user: server.user, password });

  it('is made by the first device and opened by the next with the same passphrase', async () => {
    const first = await openAccount(remote(), passphrase, 'laptop', { newParameters: quick });
    expect(first.isNew).toBe(true);
    expect(tree(server.root)).toEqual([
      'Cuecards',
      'Cuecards/cuecards.json',
      'Cuecards/devices',
      'Cuecards/devices/laptop',
    ]);
    const file = readFileSync(path.join(server.root, accountPath), 'utf8');
    expect(file).not.toContain(passphrase);
    const second = await openAccount(remote(), passphrase, 'desktop', { newParameters: quick });
    expect(second.isNew).toBe(false);
    expect(second.parameters).toEqual(first.parameters);
    // Both devices hold the same key: what one seals the other opens.
    const sealed = await seal(first.key, 'Cuecards/devices/laptop/x', new Uint8Array([1, 2, 3]));
    expect(await open(second.key, 'Cuecards/devices/laptop/x', sealed)).toEqual(
      new Uint8Array([1, 2, 3]),
    );
  });

  it('tells a wrong passphrase and writes nothing', async () => {
    await openAccount(remote(), passphrase, 'laptop', { newParameters: quick });
    const before = tree(server.root);
    expect(await problemOf(openAccount(remote(), 'drago must fall', 'phone'))).toBe(
      'wrong-passphrase',
    );
    expect(tree(server.root)).toEqual(before);
  });

  it('tells a wrong password', async () => {
    expect(await problemOf(openAccount(remote('nope'), passphrase, 'phone'))).toBe('refused');
  });

  it('refuses a passphrase too short to protect the notes', async () => {
    expect(await problemOf(openAccount(remote(), 'rocky', 'phone'))).toBe('short-passphrase');
  });

  describe('with a file of its own at the account path', () => {
    let saved: string;
    beforeAll(async () => {
      await openAccount(remote(), passphrase, 'laptop', { newParameters: quick });
      saved = readFileSync(path.join(server.root, accountPath), 'utf8');
    });
    // Through the server, not its disk: rclone caches what it has listed.
    const replace = (text: string) => remote().write(accountPath, new TextEncoder().encode(text));
    afterEach(() => replace(saved));

    it('says a file that is not ours is not a Cuecards space', async () => {
      for (const text of ['<html>hello</html>', '{}', 'null', '{"format":"cuecards-sync"}']) {
        await replace(text);
        expect(await problemOf(openAccount(remote(), passphrase, 'phone'))).toBe('not-cuecards');
      }
    });

    it('says a space made by a later version needs a newer Cuecards', async () => {
      await replace(JSON.stringify({ ...JSON.parse(saved), version: 2 }));
      expect(await problemOf(openAccount(remote(), passphrase, 'phone'))).toBe('newer-format');
    });

    it('refuses key settings that would weaken the key', async () => {
      const account = JSON.parse(saved);
      await replace(JSON.stringify({ ...account, key: { ...account.key, iterations: 10 } }));
      expect(await problemOf(openAccount(remote(), passphrase, 'phone'))).toBe('not-cuecards');
    });

    it('says an altered check does not open', async () => {
      const account = JSON.parse(saved);
      const check = atob(account.check);
      const altered =
        check.slice(0, -1) + String.fromCharCode(check.charCodeAt(check.length - 1) ^ 1);
      await replace(JSON.stringify({ ...account, check: btoa(altered) }));
      expect(await problemOf(openAccount(remote(), passphrase, 'phone'))).toBe('wrong-passphrase');
    });
  });
});

describe('a server the viewer may only read', () => {
  let server: WebDavServer;
  beforeAll(async () => {
    server = await startApache({ isReadOnly: true });
  }, 20_000);
  afterAll(() => server?.stop());

  it('says the folder cannot be written', async () => {
    const remote = connectRemote({ url: server.url, user: server.user, password: server.password });
    expect(
      await problemOf(openAccount(remote, passphrase, 'laptop', { newParameters: quick })),
    ).toBe('cannot-write');
    expect(tree(server.root)).toEqual([]);
  });
});
