import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../e2e/fault-proxy';
import { startApache, startRclone, type WebDavServer } from '../../e2e/webdav-servers';
import { connectRemote, isAcceptedAddress, problemOfStatus, RemoteError } from './webdav';

const bytes = (text: string) => new TextEncoder().encode(text);

async function problemOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof RemoteError ? error.problem : String(error);
  }
}

describe.each([
  ['Apache mod_dav', startApache],
  ['rclone serve webdav', startRclone],
])('a real WebDAV server: %s', (_name, start) => {
  let server: WebDavServer;
  beforeAll(async () => {
    server = await start();
  }, 20_000);
  afterAll(() => server?.stop());

  const remote = () =>
    connectRemote({ url: server.url, user: server.user, password: server.password });

  it('lists a missing folder as missing, and makes it, twice without harm', async () => {
    expect(await remote().list('Cuecards/')).toBeUndefined();
    await remote().makeFolder('Cuecards');
    await remote().makeFolder('Cuecards');
    expect(await remote().list('Cuecards/')).toEqual([]);
  });

  it('writes a file, lists it with its size and reads the same bytes back', async () => {
    await remote().makeFolder('Cuecards');
    await remote().makeFolder('Cuecards/device-a');
    const data = new Uint8Array(3_000).map((_, i) => (i * 7) % 256);
    await remote().write('Cuecards/device-a/log-1', data);
    // A write repeated (a retry after a timeout that landed) leaves the same file.
    await remote().write('Cuecards/device-a/log-1', data);
    expect(await remote().list('Cuecards/device-a/')).toEqual([
      { name: 'log-1', size: 3_000, isFolder: false },
    ]);
    expect(await remote().list('Cuecards/')).toContainEqual(
      expect.objectContaining({ name: 'device-a', isFolder: true }),
    );
    expect(await remote().read('Cuecards/device-a/log-1', 10_000)).toEqual(data);
    expect(await remote().read('Cuecards/device-a/none', 10_000)).toBeUndefined();
  });

  it('creates a file only where there is none, so two first devices cannot both write it', async () => {
    await remote().makeFolder('Cuecards');
    expect(await remote().create('Cuecards/first', bytes('one'))).toBe(true);
    expect(await remote().create('Cuecards/first', bytes('two'))).toBe(false);
    expect(await remote().read('Cuecards/first', 10)).toEqual(bytes('one'));
  });

  it('refuses to read more than it was told to', async () => {
    await remote().makeFolder('Cuecards');
    await remote().write('Cuecards/big', new Uint8Array(5_000));
    expect(await problemOf(remote().read('Cuecards/big', 4_999))).toBe('too-large');
  });

  it('removes a file, and a missing one without complaint', async () => {
    await remote().makeFolder('Cuecards');
    await remote().write('Cuecards/gone', bytes('x'));
    await remote().remove('Cuecards/gone');
    await remote().remove('Cuecards/gone');
    expect(await remote().read('Cuecards/gone', 10)).toBeUndefined();
  });

  it('says a wrong password was refused', async () => {
    const wrong = connectRemote({ url: server.url, user: server.user, password: 'wrong' });
    expect(await problemOf(wrong.list('Cuecards/'))).toBe('refused');
    expect(await problemOf(wrong.read('Cuecards/device-a/log-1', 10))).toBe('refused');
    expect(await problemOf(wrong.write('Cuecards/x', bytes('x')))).toBe('refused');
  });
});

describe('a server that is not WebDAV', () => {
  let web: Server;
  let url: string;
  beforeAll(async () => {
    web = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Welcome to my blog</body></html>');
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(web.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((resolve) => web.close(resolve)));

  it('is told apart from a WebDAV server', async () => {
    const remote = connectRemote({ url, user: 'ana', password: 'p' });
    expect(await problemOf(remote.list('Cuecards/'))).toBe('not-webdav');
  });

  it('is offline when nothing listens', async () => {
    const closed = connectRemote({ url: 'http://127.0.0.1:9/', user: 'a', password: 'p' });
    expect(await problemOf(closed.list('Cuecards/'))).toBe('offline');
  });

  it('times out a server that never answers', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const remote = connectRemote(
      { url: `http://127.0.0.1:${port}/`, user: 'a', password: 'p' },
      { timeoutMs: 300 },
    );
    expect(await problemOf(remote.read('x', 10))).toBe('timeout');
    silent.closeAllConnections();
    silent.close();
  });
});

describe('server addresses and answers', () => {
  it('accepts https anywhere and http only on this machine', () => {
    expect(isAcceptedAddress('https://cloud.example.org/remote.php/dav/files/ana/')).toBe(true);
    expect(isAcceptedAddress('http://127.0.0.1:8080/')).toBe(true);
    expect(isAcceptedAddress('http://localhost/dav/')).toBe(true);
    expect(isAcceptedAddress('http://cloud.example.org/')).toBe(false);
    expect(isAcceptedAddress('http://127.0.0.1.example.org/')).toBe(false);
    expect(isAcceptedAddress('ftp://127.0.0.1/')).toBe(false);
    expect(isAcceptedAddress('https://ana:secret@cloud.example.org/')).toBe(false);
    expect(isAcceptedAddress('cloud.example.org')).toBe(false);
    expect(() => connectRemote({ url: 'http://example.org/', user: 'a', password: 'p' })).toThrow(
      RemoteError,
    );
  });

  it('names what a status means for the viewer', () => {
    expect(problemOfStatus(401, 'list')).toBe('refused');
    expect(problemOfStatus(403, 'write')).toBe('cannot-write');
    expect(problemOfStatus(507, 'write')).toBe('out-of-space');
    expect(problemOfStatus(423, 'write')).toBe('cannot-write');
    expect(problemOfStatus(405, 'list')).toBe('not-webdav');
    expect(problemOfStatus(503, 'read')).toBe('server-error');
    expect(new RemoteError('server-error', 503).isPassing).toBe(true);
    expect(new RemoteError('refused', 401).isPassing).toBe(false);
  });
});

describe('a server whose answers are spoiled on the way', () => {
  let server: WebDavServer;
  let proxy: FaultProxy;
  let remote: ReturnType<typeof connectRemote>;
  beforeAll(async () => {
    server = await startApache();
    proxy = await startFaultProxy(server.url);
    remote = connectRemote(
      { url: proxy.url, user: server.user, password: server.password },
      { timeoutMs: 1_000 },
    );
    await remote.makeFolder('Cuecards');
    await remote.write('Cuecards/file', bytes('the whole file'));
  }, 20_000);
  afterAll(async () => {
    await proxy?.stop();
    await server?.stop();
  });

  it('names each error status for what the viewer can do', async () => {
    proxy.inject({ kind: 'status', status: 503 });
    const busy = await remote.list('Cuecards/').catch((error: RemoteError) => error);
    expect(busy).toBeInstanceOf(RemoteError);
    expect((busy as RemoteError).problem).toBe('server-error');
    expect((busy as RemoteError).isPassing).toBe(true);
    proxy.inject({ kind: 'status', status: 500 });
    expect(await problemOf(remote.read('Cuecards/file', 100))).toBe('server-error');
    proxy.inject({ kind: 'status', status: 507 });
    expect(await problemOf(remote.write('Cuecards/x', bytes('x')))).toBe('out-of-space');
    proxy.inject({ kind: 'status', status: 423 });
    expect(await problemOf(remote.write('Cuecards/x', bytes('x')))).toBe('cannot-write');
    proxy.inject({ kind: 'status', status: 412 });
    expect(await problemOf(remote.write('Cuecards/x', bytes('x')))).toBe('cannot-write');
  });

  it('never hands over part of a file', async () => {
    proxy.inject({ kind: 'truncate' });
    expect(['offline', 'server-error']).toContain(
      await problemOf(remote.read('Cuecards/file', 100)),
    );
    proxy.inject({ kind: 'drop' });
    expect(await problemOf(remote.read('Cuecards/file', 100))).toBe('offline');
    proxy.inject({ kind: 'huge', bytes: 50 * 1024 * 1024 });
    expect(await problemOf(remote.read('Cuecards/file', 1024 * 1024))).toBe('too-large');
    expect(await remote.read('Cuecards/file', 100)).toEqual(bytes('the whole file'));
  });

  it('says a listing that is not WebDAV is not WebDAV', async () => {
    proxy.inject({ kind: 'garbage' });
    expect(await problemOf(remote.list('Cuecards/'))).toBe('not-webdav');
  });

  it('times out a slow answer', async () => {
    proxy.inject({ kind: 'slow', ms: 2_000 });
    expect(await problemOf(remote.read('Cuecards/file', 100))).toBe('timeout');
  });

  it('repeats a write whose answer was lost, with the same file as the outcome', async () => {
    proxy.forwarded.length = 0;
    proxy.inject({ kind: 'lost-answer' });
    const data = bytes('batch 7: a note at 1:02');
    expect(await problemOf(remote.write('Cuecards/batch-7', data))).toBe('offline');
    // It landed although the client was never told.
    expect(proxy.forwarded.filter(({ method }) => method === 'PUT')).toHaveLength(1);
    await remote.write('Cuecards/batch-7', data);
    expect(await remote.read('Cuecards/batch-7', 100)).toEqual(data);
  });
});
