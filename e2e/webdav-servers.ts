// Real WebDAV servers on 127.0.0.1 for the sync tests: Debian's Apache httpd with mod_dav and
// Basic auth, and `rclone serve webdav`, two implementations that answer in their own ways.
// Each is started in a fresh folder of its own and stopped with everything it wrote.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface WebDavServer {
  kind: 'apache' | 'rclone';
  /** The address a viewer types, with a trailing slash: the root of their own space. */
  url: string;
  user: string;
  password: string;
  /** The folder on disk behind the server, to look at what it stores. */
  root: string;
  stop(): Promise<void>;
}

export const APACHE_PATH = '/usr/sbin/apache2';
export const RCLONE_PATH = '/usr/bin/rclone';
const MODULES = '/usr/lib/apache2/modules';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`WebDAV server exited: ${log()}`);
    try {
      await fetch(url, { method: 'OPTIONS' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`WebDAV server did not answer at ${url}: ${log()}`);
}

function stopper(child: ChildProcess, dir: string) {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

export async function startApache(
  options: { user?: string; password?: string; isReadOnly?: boolean } = {},
): Promise<WebDavServer> {
  const { user = 'ana', password = 'app-password-1', isReadOnly = false } = options;
  const dir = mkdtempSync(path.join(tmpdir(), 'cuecards-apache-'));
  const root = path.join(dir, 'dav');
  mkdirSync(root);
  mkdirSync(path.join(dir, 'lock'));
  const port = await freePort();
  execFileSync('htpasswd', ['-bcB', path.join(dir, 'users'), user, password], { stdio: 'ignore' });
  // As root, httpd drops to www-data for the requests: the folders must be theirs.
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'www-data']).toString());
    const gid = Number(execFileSync('id', ['-g', 'www-data']).toString());
    for (const folder of [dir, root, path.join(dir, 'lock')]) chownSync(folder, uid, gid);
  }
  const modules = [
    'mpm_event',
    'authn_core',
    'authn_file',
    'authz_core',
    'authz_user',
    'auth_basic',
    'dav',
    'dav_fs',
  ];
  const config = [
    ...modules.map((name) => `LoadModule ${name}_module ${MODULES}/mod_${name}.so`),
    `ServerRoot "${dir}"`,
    'ServerName 127.0.0.1',
    `Listen 127.0.0.1:${port}`,
    `PidFile "${dir}/httpd.pid"`,
    `ErrorLog "${dir}/error.log"`,
    'LogLevel warn',
    isRoot ? 'User www-data\nGroup www-data' : '',
    `DAVLockDB "${dir}/lock/DAVLock"`,
    'Timeout 30',
    `DocumentRoot "${root}"`,
    `<Directory "${root}">`,
    '  Dav On',
    '  AuthType Basic',
    '  AuthName "Cuecards test"',
    `  AuthUserFile "${dir}/users"`,
    // A share the viewer may read but not write, as a provider's read-only link is.
    isReadOnly
      ? [
          '  <Limit GET HEAD OPTIONS PROPFIND>',
          '    Require valid-user',
          '  </Limit>',
          '  <LimitExcept GET HEAD OPTIONS PROPFIND>',
          '    Require all denied',
          '  </LimitExcept>',
        ].join('\n')
      : '  Require valid-user',
    '</Directory>',
  ].join('\n');
  writeFileSync(path.join(dir, 'httpd.conf'), config);
  const child = spawn(APACHE_PATH, ['-f', path.join(dir, 'httpd.conf'), '-DFOREGROUND'], {
    stdio: 'ignore',
    env: { ...process.env, APACHE_RUN_DIR: dir },
  });
  const log = () => {
    try {
      return readFileSync(path.join(dir, 'error.log'), 'utf8');
    } catch {
      return '(no log)';
    }
  };
  const url = `http://127.0.0.1:${port}/`;
  await waitForServer(url, child, log);
  return { kind: 'apache', url, user, password, root, stop: stopper(child, dir) };
}

export async function startRclone(
  user = 'ana',
  password = 'app-password-1',
): Promise<WebDavServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cuecards-rclone-'));
  const root = path.join(dir, 'dav');
  mkdirSync(root);
  const port = await freePort();
  let output = '';
  const child = spawn(
    RCLONE_PATH,
    [
      'serve',
      'webdav',
      root,
      '--addr',
      `127.0.0.1:${port}`,
      '--user',
      user,
      '--pass',
      password,
      '--config',
      path.join(dir, 'rclone.conf'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}/`;
  await waitForServer(url, child, () => output);
  return { kind: 'rclone', url, user, password, root, stop: stopper(child, dir) };
}
