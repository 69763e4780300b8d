// A proxy of the tests between a client and a real WebDAV server, which spoils answers on
// purpose: error statuses, dropped connections, cut bodies, slow answers, and requests that
// reach the server but whose answer never comes back (a write that timed out yet landed).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'status'; status: 412 | 423 | 500 | 503 | 507 }
  | { kind: 'drop' }
  | { kind: 'truncate' }
  | { kind: 'slow'; ms: number }
  | { kind: 'lost-answer' }
  | { kind: 'garbage' }
  | { kind: 'huge'; bytes: number };

export interface FaultProxy {
  url: string;
  /** Faults for the next requests, in order; a request with none left passes through. */
  inject(...faults: Fault[]): void;
  /** The decision for each request as it comes, for faults chosen at random. */
  decideWith(choose: ((request: IncomingMessage) => Fault | undefined) | undefined): void;
  /** Requests that passed on to the server, to tell what landed and what it weighed. */
  forwarded: ForwardedRequest[];
  stop(): Promise<void>;
}

export interface ForwardedRequest {
  method: string;
  path: string;
  /** The request's body, as sent upstream. */
  bytes: number;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const queue: Fault[] = [];
  let choose: ((request: IncomingMessage) => Fault | undefined) | undefined;
  const forwarded: ForwardedRequest[] = [];

  const forward = (request: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        forwarded.push({
          method: request.method ?? '',
          path: request.url ?? '',
          bytes: body.length,
        });
        const outgoing = http.request(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: request.method,
            path: request.url,
            headers: { ...request.headers, host: upstream.host },
          },
          (answer) => {
            const parts: Buffer[] = [];
            answer.on('data', (part: Buffer) => parts.push(part));
            answer.on('end', () =>
              resolve({
                status: answer.statusCode ?? 502,
                headers: answer.headers,
                body: Buffer.concat(parts),
              }),
            );
            answer.on('error', reject);
          },
        );
        outgoing.on('error', reject);
        outgoing.end(body);
      },
    );

  const server = http.createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const parts: Buffer[] = [];
    for await (const part of request) parts.push(part as Buffer);
    const body = Buffer.concat(parts);
    const fault = queue.shift() ?? choose?.(request);
    try {
      if (fault?.kind === 'status') {
        response.writeHead(fault.status, { 'content-type': 'text/plain' });
        return response.end(`Injected ${fault.status}`);
      }
      if (fault?.kind === 'drop') return request.socket.destroy();
      if (fault?.kind === 'garbage') {
        response.writeHead(207, { 'content-type': 'application/xml' });
        return response.end('<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:respo');
      }
      if (fault?.kind === 'huge') {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        for (let sent = 0; sent < fault.bytes && !response.destroyed; sent += chunk.length) {
          if (!response.write(chunk))
            await new Promise((resolve) => response.once('drain', resolve));
        }
        return response.end();
      }
      if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      const answer = await forward(request, body);
      // The server did the work; the client never hears of it.
      if (fault?.kind === 'lost-answer') return request.socket.destroy();
      const headers = { ...answer.headers };
      delete headers['transfer-encoding'];
      if (fault?.kind === 'truncate' && answer.body.length > 1) {
        response.writeHead(answer.status, {
          ...headers,
          'content-length': String(answer.body.length),
        });
        response.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
        return request.socket.destroy();
      }
      response.writeHead(answer.status, {
        ...headers,
        'content-length': String(answer.body.length),
      });
      response.end(answer.body);
    } catch {
      request.socket.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    inject: (...faults) => queue.push(...faults),
    decideWith: (next) => {
      choose = next;
    },
    forwarded,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
