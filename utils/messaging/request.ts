// The one way a page or overlay asks the worker something.
import { browser } from 'wxt/browser';
import type { Request, RequestType, ResponseTo } from './protocol';

/** Sends one request to the background; the answer's type follows from the request's. */
export function sendRequest<T extends RequestType>(
  request: Extract<Request, { type: T }>,
): Promise<ResponseTo<T> | undefined> {
  return browser.runtime.sendMessage(request) as Promise<ResponseTo<T> | undefined>;
}
