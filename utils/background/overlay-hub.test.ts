import { describe, expect, it } from 'vitest';
import { overlayPortName, type Push } from '../messaging/protocol';
import { openDatabase } from '../store/database';
import { createOverlayHub } from './overlay-hub';

const extensionId = 'cuecards-test';

function fakePort(frameId: number) {
  const received: Push[] = [];
  const listeners: Array<(message: unknown) => unknown> = [];
  const port = {
    name: overlayPortName,
    sender: { id: extensionId, tab: { id: 4 }, frameId },
    postMessage: (push: Push) => received.push(push),
    disconnect() {},
    onMessage: {
      addListener: (listener: (message: unknown) => unknown) => listeners.push(listener),
    },
    onDisconnect: { addListener() {} },
  };
  const say = async (message: unknown) => {
    for (const listener of listeners) await listener(message);
  };
  return { port, say, received };
}

function setup() {
  const reports: Array<[number, number, string]> = [];
  const hub = createOverlayHub(
    openDatabase(`hub-${crypto.randomUUID()}`),
    extensionId,
    async () => undefined,
    (tabId, frameId, token) => reports.push([tabId, frameId, token]),
  );
  return { hub, reports };
}

const token = 'tokentokentokentoken';
const closed: Push = { type: 'composer.closed', token, saved: true };

describe('overlay hub', () => {
  it('hears which editor an overlay shows each time it connects, to re-derive its state', async () => {
    const { hub, reports } = setup();
    const first = fakePort(2);
    hub.connect(first.port as never);
    await first.say({ type: 'editor', token });
    // The worker was stopped and woken: a new port, and the overlay says it again.
    const second = fakePort(2);
    hub.connect(second.port as never);
    await second.say({ type: 'editor', token });
    expect(reports).toEqual([
      [4, 2, token],
      [4, 2, token],
    ]);
    expect(hub.frameWithEditor(4, token)).toBe(2);
    await second.say({ type: 'editor' });
    expect(hub.frameWithEditor(4, token)).toBeUndefined();
    expect(reports).toHaveLength(2);
  });

  it('posts an editor’s push to the overlays that show it, once each', async () => {
    const { hub } = setup();
    const showing = fakePort(2);
    const other = fakePort(3);
    hub.connect(showing.port as never);
    hub.connect(other.port as never);
    await showing.say({ type: 'editor', token });
    expect(hub.postToEditor(4, token, closed, 2)).toBe(true);
    expect(showing.received).toEqual([closed]);
    expect(other.received).toEqual([]);
    // Not connected yet: nobody to tell, until it reconnects and says which editor it shows.
    expect(hub.postToEditor(4, 'othertokenothertoken', closed)).toBe(false);
  });
});
