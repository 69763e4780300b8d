import { execFileSync } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PAGES_DIR = fileURLToPath(new URL('./pages/', import.meta.url));
const STAND_INS_DIR = path.join(PAGES_DIR, 'stand-ins');
const CERT_DIR = fileURLToPath(new URL('./.cert/', import.meta.url));

/** Hosts the https server answers for; Chromium maps them to it with --host-resolver-rules. */
export const STAND_IN_HOSTS = [
  'www.youtube.com',
  'youtube.com',
  'm.youtube.com',
  'www.youtube-nocookie.com',
  'player.vimeo.com',
  'vimeo.com',
] as const;

export interface Servers {
  /** The "blog" origin, e.g. http://127.0.0.1:A (also reachable as http://localhost:A). */
  blog: string;
  /** Another origin for cross-origin frames, e.g. http://localhost:B. */
  frameOrigin: string;
  /** Port of the https server standing in for YouTube and Vimeo. */
  httpsPort: number;
  close(): Promise<void>;
}

type Vars = Record<string, string>;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

const BASE_HEADERS = { 'Cache-Control': 'no-store' };

const KNOWN_TITLES: Record<string, string> = {
  dQw4w9WgXcQ: 'Cuecards test clip',
  jNQXAC9IVRw: 'Cuecards second test clip',
  '76979871': 'Cuecards test clip',
};

/** Title the stand-in pages give a video (YouTube appends " - YouTube" to document.title). */
export function standInTitle(id: string): string {
  return KNOWN_TITLES[id] ?? `Test video ${id}`;
}

/** The video the watch page links to, so tests can follow a SPA navigation. */
export function otherVideoId(id: string): string {
  return id === 'dQw4w9WgXcQ' ? 'jNQXAC9IVRw' : 'dQw4w9WgXcQ';
}

let current: Servers | undefined;

export async function startServers(): Promise<Servers> {
  const vars: Vars = {};
  const onStatic: http.RequestListener = (req, res) => void handleStatic(req, res, vars);
  const { key, cert } = ensureCertificate();
  const all = [http.createServer(onStatic), http.createServer(onStatic)];
  const standIn = https.createServer({ key, cert }, (req, res) => void handleStandIn(req, res));
  all.push(standIn);

  const blogPort = await listen(all[0]!, '127.0.0.1', 0);
  const framePort = await listen(all[1]!, '127.0.0.1', 0);
  const httpsPort = await listen(standIn, '127.0.0.1', 0);
  // Chromium may resolve localhost to ::1 first, so the http ports answer there too (if IPv6
  // loopback exists at all; failures are fine).
  for (const port of [blogPort, framePort]) {
    const v6 = http.createServer(onStatic);
    if (await listen(v6, '::1', port).catch(() => undefined)) all.push(v6);
  }

  vars.BLOG = `http://127.0.0.1:${blogPort}`;
  vars.FRAME = `http://localhost:${framePort}`;
  const servers: Servers = {
    blog: vars.BLOG,
    frameOrigin: vars.FRAME,
    httpsPort,
    close: async () => {
      await Promise.all(all.map(closeServer));
      if (current === servers) current = undefined;
    },
  };
  current = servers;
  return servers;
}

export async function stopServers(): Promise<void> {
  await current?.close();
}

function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Chromium keeps connections alive; without this close() waits for them.
    server.closeAllConnections();
  });
}

async function handleStatic(req: IncomingMessage, res: ServerResponse, vars: Vars) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  await serveFile(req, res, url.pathname, PAGES_DIR, vars);
}

async function handleStandIn(req: IncomingMessage, res: ServerResponse) {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const url = new URL(req.url ?? '/', `https://${host || 'localhost'}`);
  const route = routeStandIn(host, url);
  if (route === 'media') return serveFile(req, res, url.pathname, PAGES_DIR, {});
  if (route === 'player-js') return serveFile(req, res, '/youtube-player.js', STAND_INS_DIR, {});
  if (!route) return sendText(req, res, 404, `No stand-in for ${host}${url.pathname}\n`);
  const { template, id, layout } = route;
  const other = otherVideoId(id);
  const vars: Vars = {
    VIDEO_ID: id,
    VIDEO_TITLE: escapeHtml(standInTitle(id)),
    OTHER_ID: other,
    OTHER_TITLE: escapeHtml(standInTitle(other)),
    LAYOUT: layout,
  };
  await serveFile(req, res, `/${template}`, STAND_INS_DIR, vars);
}

type StandInRoute =
  | { template: string; id: string; layout: string }
  | 'media'
  | 'player-js'
  | undefined;

const YOUTUBE_ID = '([A-Za-z0-9_-]{11})';

function routeStandIn(host: string, url: URL): StandInRoute {
  const p = url.pathname;
  if (p.startsWith('/media/')) return 'media';
  const youtube = host === 'www.youtube.com' || host === 'youtube.com' || host === 'm.youtube.com';
  if (youtube || host === 'www.youtube-nocookie.com') {
    if (p === '/s/player/stand-in.js') return 'player-js';
    const embed = new RegExp(`^/embed/${YOUTUBE_ID}$`).exec(p);
    if (embed) return { template: 'youtube-embed.html', id: embed[1]!, layout: 'embed' };
  }
  if (youtube) {
    const v = url.searchParams.get('v') ?? '';
    if (p === '/watch' && new RegExp(`^${YOUTUBE_ID}$`).test(v)) {
      return { template: 'youtube-watch.html', id: v, layout: 'watch' };
    }
    const shorts = new RegExp(`^/shorts/${YOUTUBE_ID}$`).exec(p);
    if (shorts) return { template: 'youtube-watch.html', id: shorts[1]!, layout: 'shorts' };
  }
  const vimeo = host === 'player.vimeo.com' ? /^\/video\/(\d+)$/.exec(p) : null;
  if (vimeo) return { template: 'vimeo.html', id: vimeo[1]!, layout: 'embed' };
  const vimeoPage = host === 'vimeo.com' ? /^\/(\d+)$/.exec(p) : null;
  if (vimeoPage) return { template: 'vimeo.html', id: vimeoPage[1]!, layout: 'page' };
  return undefined;
}

async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  root: string,
  vars: Vars,
) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendText(req, res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
  }
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return sendText(req, res, 400, 'Bad path\n');
  }
  let file = path.join(root, rel);
  if (file !== root && !file.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) {
    return sendText(req, res, 403, 'Forbidden\n');
  }
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) return sendText(req, res, 404, 'Not found\n');

  const ext = path.extname(file).toLowerCase();
  const type = CONTENT_TYPES[ext] ?? 'application/octet-stream';
  if (ext === '.html') {
    const html = fillPlaceholders(await readFile(file, 'utf8'), vars);
    return send(req, res, 200, { 'Content-Type': type }, Buffer.from(html));
  }

  const size = info.size;
  const headers: http.OutgoingHttpHeaders = {
    ...BASE_HEADERS,
    'Content-Type': type,
    'Accept-Ranges': 'bytes',
  };
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` });
    return res.end();
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  headers['Content-Length'] = size === 0 ? 0 : end - start + 1;
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || size === 0) return res.end();
  const stream = createReadStream(file, { start, end });
  stream.on('error', () => res.destroy());
  // Chromium aborts media requests all the time while seeking; stop reading when it does.
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

/** Single-range `bytes=` header; multi-range or malformed headers get the whole file. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (to !== '' && Number(to) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

function fillPlaceholders(text: string, vars: Vars): string {
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => vars[name] ?? whole);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: http.OutgoingHttpHeaders,
  body: Buffer,
) {
  res.writeHead(status, { ...BASE_HEADERS, ...headers, 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendText(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  text: string,
  headers: http.OutgoingHttpHeaders = {},
) {
  const type = { 'Content-Type': 'text/plain; charset=utf-8' };
  send(req, res, status, { ...type, ...headers }, Buffer.from(text));
}

/** Self-signed certificate for the stand-in hosts, generated once into e2e/.cert/. */
function ensureCertificate(): { key: Buffer; cert: Buffer } {
  const keyFile = path.join(CERT_DIR, 'key.pem');
  const certFile = path.join(CERT_DIR, 'cert.pem');
  const hostsFile = path.join(CERT_DIR, 'hosts.txt');
  const hosts = STAND_IN_HOSTS.join(',');
  const upToDate =
    existsSync(keyFile) &&
    existsSync(certFile) &&
    existsSync(hostsFile) &&
    readFileSync(hostsFile, 'utf8') === hosts;
  if (!upToDate) {
    mkdirSync(CERT_DIR, { recursive: true });
    // Unique temp names, then rename: parallel runs never see half-written files.
    const tmpKey = `${keyFile}.${process.pid}.tmp`;
    const tmpCert = `${certFile}.${process.pid}.tmp`;
    const san = STAND_IN_HOSTS.map((h) => `DNS:${h}`).join(',');
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-sha256',
          '-days',
          '3650',
          '-subj',
          '/CN=www.youtube.com',
          '-addext',
          `subjectAltName=${san}`,
          '-keyout',
          tmpKey,
          '-out',
          tmpCert,
        ],
        { stdio: 'pipe' },
      );
    } catch (error) {
      rmSync(tmpKey, { force: true });
      rmSync(tmpCert, { force: true });
      throw new Error(`openssl failed (apt-get install -y openssl?): ${String(error)}`);
    }
    renameSync(tmpKey, keyFile);
    renameSync(tmpCert, certFile);
    writeFileSync(hostsFile, hosts);
  }
  return { key: readFileSync(keyFile), cert: readFileSync(certFile) };
}
