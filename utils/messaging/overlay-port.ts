// The overlay's end of its long-lived port to the worker.
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { overlayPortName, type PortMessage, type Push, PushSchema } from './protocol';

const reconnectDelaysMs = [0, 100, 250, 500, 1000, 2000];

/**
 * The overlay's end of its long-lived port. The worker is stopped when idle, which closes
 * the port: reconnect and say again which video this frame watches. After an extension
 * update this script is orphaned (no runtime id): it stops for good.
 */
export function connectOverlayPort(handlers: {
  onPush: (push: Push) => void;
  onOrphaned: () => void;
}) {
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  // Everything an overlay says is state (what it watches, whether it plays): the last of
  // each kind is said again after a reconnect.
  const said = new Map<PortMessage['type'], PortMessage>();
  let isClosed = false;
  let failures = 0;

  const send = (message: PortMessage) => {
    try {
      port?.postMessage(message);
    } catch {
      // Disconnected; the reconnect repeats the watch.
    }
  };

  function open() {
    if (isClosed) return;
    if (!browser.runtime?.id) return handlers.onOrphaned();
    try {
      port = browser.runtime.connect({ name: overlayPortName });
    } catch {
      return handlers.onOrphaned();
    }
    const opened = Date.now();
    port.onMessage.addListener((message: unknown) => {
      failures = 0;
      const parsed = v.safeParse(PushSchema, message);
      if (parsed.success) handlers.onPush(parsed.output);
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      if (isClosed) return;
      if (Date.now() - opened > 5_000) failures = 0;
      const delay = reconnectDelaysMs[Math.min(failures++, reconnectDelaysMs.length - 1)];
      setTimeout(open, delay);
    });
    for (const message of said.values()) send(message);
  }

  open();
  return {
    post(message: PortMessage) {
      said.set(message.type, message);
      send(message);
    },
    close() {
      isClosed = true;
      port?.disconnect();
    },
  };
}
