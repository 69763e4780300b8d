/**
 * The viewer's WebDAV server as a folder of files: list, read, write, make folders. Listing
 * goes through the `webdav` library, whose XML parser works in a service worker (which has
 * no DOMParser); reads are capped as they stream, because a server may send anything. Every
 * failure comes out as one of a few problems a viewer can act on.
 */
import { createClient, type FileStat, type WebDAVClient } from 'webdav';
import { isAcceptedAddress } from './connection-rules';

export { isAcceptedAddress };

export interface Credentials {
  url: string;
  user: string;
  password: string;
}

export type RemoteProblem =
  | 'bad-address'
  | 'offline'
  | 'timeout'
  | 'not-webdav'
  | 'refused'
  | 'cannot-write'
  | 'out-of-space'
  | 'too-large'
  | 'server-error';

export class RemoteError extends Error {
  constructor(
    readonly problem: RemoteProblem,
    readonly status?: number,
  ) {
    super(status === undefined ? problem : `${problem} (${status})`);
    this.name = 'RemoteError';
  }

  /** Worth trying again later by itself, with backoff: the server or the network may recover. */
  get isPassing(): boolean {
    return (
      this.problem === 'offline' || this.problem === 'timeout' || this.problem === 'server-error'
    );
  }
}

export interface RemoteEntry {
  /** The entry's name inside the folder listed. */
  name: string;
  size: number;
  isFolder: boolean;
}

export interface RemoteFolder {
  /** What is directly in the folder; an absent folder lists as undefined. */
  list(folder: string): Promise<RemoteEntry[] | undefined>;
  read(path: string, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined>;
  /** Writes the whole file; repeating the same write leaves the same file. */
  write(path: string, data: Uint8Array<ArrayBuffer>): Promise<void>;
  /**
   * Writes the file only if there is none yet; false when one was there first. A server that
   * ignores If-None-Match leaves a moment in which two devices may both write: read it back.
   */
  create(path: string, data: Uint8Array<ArrayBuffer>): Promise<boolean>;
  /** Makes the folder if it is missing; an existing folder is fine. */
  makeFolder(path: string): Promise<void>;
  remove(path: string): Promise<void>;
}

const REQUEST_TIMEOUT_MS = 30_000;

export function problemOfStatus(status: number, action: 'read' | 'write' | 'list'): RemoteProblem {
  if (status === 401) return 'refused';
  if (status === 403) return action === 'read' || action === 'list' ? 'refused' : 'cannot-write';
  if (status === 507 || status === 413) return status === 507 ? 'out-of-space' : 'too-large';
  if (status === 405 || status === 501) return action === 'list' ? 'not-webdav' : 'cannot-write';
  if (status === 409 || status === 423 || status === 412) return 'cannot-write';
  if (status >= 500 || status === 408 || status === 429) return 'server-error';
  return action === 'list' ? 'not-webdav' : 'server-error';
}

function asRemoteError(error: unknown, action: 'read' | 'write' | 'list'): RemoteError {
  if (error instanceof RemoteError) return error;
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number') return new RemoteError(problemOfStatus(status, action), status);
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return new RemoteError('timeout');
  // A browser's fetch fails with a TypeError; Node's (in tests) with a FetchError and a code.
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof TypeError || name === 'FetchError' || typeof code === 'string') {
    return new RemoteError('offline');
  }
  // The library throws plain errors for answers that are not a WebDAV multistatus.
  return new RemoteError(action === 'list' ? 'not-webdav' : 'server-error');
}

const joinPath = (base: string, path: string) =>
  `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;

export function connectRemote(
  credentials: Credentials,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): RemoteFolder {
  if (!isAcceptedAddress(credentials.url)) throw new RemoteError('bad-address');
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;
  const client: WebDAVClient = createClient(credentials.url, {
    username: credentials.user,
    password: credentials.password,
  });
  const authorization = `Basic ${utf8Base64(`${credentials.user}:${credentials.password}`)}`;
  const signal = () => AbortSignal.timeout(timeoutMs);

  return {
    async list(folder) {
      try {
        const entries = (await client.getDirectoryContents(folder, {
          signal: signal(),
        })) as FileStat[];
        if (!Array.isArray(entries)) throw new RemoteError('not-webdav');
        return entries.map((entry) => ({
          name: entry.basename,
          size: entry.size,
          isFolder: entry.type === 'directory',
        }));
      } catch (error) {
        if ((error as { status?: unknown }).status === 404) return undefined;
        throw asRemoteError(error, 'list');
      }
    },

    async read(path, maxBytes) {
      let response: Response;
      try {
        response = await doFetch(joinPath(credentials.url, path), {
          headers: { authorization },
          signal: signal(),
          cache: 'no-store',
        });
      } catch (error) {
        throw asRemoteError(error, 'read');
      }
      if (response.status === 404) return undefined;
      if (!response.ok)
        throw new RemoteError(problemOfStatus(response.status, 'read'), response.status);
      try {
        return await readCapped(response, maxBytes);
      } catch (error) {
        throw asRemoteError(error, 'read');
      }
    },

    async write(path, data) {
      try {
        const written = await client.putFileContents(path, exactBuffer(data), {
          overwrite: true,
          signal: signal(),
          contentLength: data.byteLength,
        });
        if (written === false) throw new RemoteError('cannot-write');
      } catch (error) {
        throw asRemoteError(error, 'write');
      }
    },

    async create(path, data) {
      try {
        // Not every server honours If-None-Match on PUT (rclone does not): look first too.
        if (await client.exists(path, { signal: signal() })) return false;
        return await client.putFileContents(path, exactBuffer(data), {
          overwrite: false,
          signal: signal(),
          contentLength: data.byteLength,
        });
      } catch (error) {
        throw asRemoteError(error, 'write');
      }
    },

    async makeFolder(path) {
      try {
        await client.createDirectory(path, { signal: signal() });
      } catch (error) {
        // 405: it is there already (RFC 4918, 9.3.1).
        if ((error as { status?: unknown }).status === 405) return;
        throw asRemoteError(error, 'write');
      }
    },

    async remove(path) {
      try {
        await client.deleteFile(path, { signal: signal() });
      } catch (error) {
        if ((error as { status?: unknown }).status === 404) return;
        throw asRemoteError(error, 'write');
      }
    },
  };
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) throw new RemoteError('too-large');
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel();
      throw new RemoteError('too-large');
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

// The library sends an ArrayBuffer as it is, but not a typed array in every build.
const exactBuffer = (data: Uint8Array<ArrayBuffer>): ArrayBuffer =>
  data.byteOffset === 0 && data.byteLength === data.buffer.byteLength
    ? data.buffer
    : data.slice().buffer;

function utf8Base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}
