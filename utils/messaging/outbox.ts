// Pages and overlays send writes through here: in order, and retried until acknowledged.
import { i18n } from '#i18n';
import type { Request, RequestType, ResponseTo } from './protocol';

export type Send = <T extends RequestType>(
  request: Extract<Request, { type: T }>,
) => Promise<ResponseTo<T> | undefined>;

const retryDelaysMs = [50, 100, 250, 500, 1000, 2000, 4000, 8000, 8000, 8000];

/**
 * Sends writes one after another and retries each until the background acknowledges it.
 * A send that failed may still have committed: every write carries its own id and
 * updatedAt, so the retry is a no-op then. A refusal (invalid input) is not retried.
 */
export function createOutbox(
  send: Send,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
) {
  let tail: Promise<unknown> = Promise.resolve();

  async function deliver<T extends RequestType>(request: Extract<Request, { type: T }>) {
    let lastError = i18n.t('error.noAnswer');
    for (const delay of [0, ...retryDelaysMs]) {
      if (delay) await sleep(delay);
      try {
        const response = await send(request);
        if (response) return response;
      } catch (error) {
        // The worker may be restarting, or the extension was updated under this page.
        lastError = error instanceof Error ? error.message : String(error);
      }
    }
    return { ok: false, error: lastError } as ResponseTo<T>;
  }

  return {
    push<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<ResponseTo<T>> {
      const result = tail.then(() => deliver(request));
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
