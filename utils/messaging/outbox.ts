// Pages and overlays send writes through here: in order, and retried until acknowledged.
import { deliverUntilAnswered, type Send, type Sleep, sleep } from './delivery';
import type { Request, RequestType, ResponseTo } from './protocol';

export type { Send } from './delivery';

/**
 * Sends writes one after another and retries each until the background acknowledges it.
 * A send that failed may still have committed: every write carries its own id and
 * updatedAt, so the retry is a no-op then. A refusal (invalid input) is not retried.
 */
export function createOutbox(send: Send, wait: Sleep = sleep) {
  let tail: Promise<unknown> = Promise.resolve();

  return {
    push<T extends RequestType>(
      request: Extract<Request, { type: T }>,
      onRetry?: (error: string) => void,
    ): Promise<ResponseTo<T>> {
      const result = tail.then(() => deliverUntilAnswered(send, request, wait, onRetry));
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
