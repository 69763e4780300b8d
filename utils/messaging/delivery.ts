// The delivery rules every step of an editor's life follows, whenever the worker stops:
// a request is sent again until the worker answers it, and whoever acts on a request or a
// push remembers what it already did, so a second delivery changes nothing.
import { i18n } from '#i18n';
import type { Request, RequestType, ResponseTo } from './protocol';

export type Send = <T extends RequestType>(
  request: Extract<Request, { type: T }>,
) => Promise<ResponseTo<T> | undefined>;

export type Sleep = (ms: number) => Promise<void>;

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// About half a minute in all: a worker being woken answers within a second or two; one that
// never answers is gone for good (the extension was updated under the page).
const retryDelaysMs = [50, 100, 250, 500, 1000, 2000, 4000, 8000, 8000, 8000];

/**
 * Sends `request` until the worker answers it, a refusal included. No answer (the worker
 * stopped before it replied) or a send that threw (it was being restarted) is not an answer:
 * the request may have been carried out all the same, so every request sent this way is
 * one whose second delivery changes nothing. After its retries it gives up with the last
 * error.
 */
export async function deliverUntilAnswered<T extends RequestType>(
  send: Send,
  request: Extract<Request, { type: T }>,
  wait: Sleep = sleep,
  onRetry?: (error: string) => void,
): Promise<ResponseTo<T>> {
  let lastError = i18n.t('error.noAnswer');
  for (const [attempt, delay] of [0, ...retryDelaysMs].entries()) {
    if (attempt > 0) onRetry?.(lastError);
    if (delay) await wait(delay);
    try {
      const response = await send(request);
      if (response) return response;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  }
  return { ok: false, error: lastError } as ResponseTo<T>;
}

/**
 * The ids of requests or pushes already acted on, the latest `capacity` of them: a
 * delivery seen before is not acted on again.
 */
export function createSeenIds(capacity = 64) {
  const seen = new Set<string>();
  return {
    /** True the first time `id` is seen, false after. */
    isFirst(id: string): boolean {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > capacity) seen.delete(seen.values().next().value as string);
      return true;
    },
  };
}
