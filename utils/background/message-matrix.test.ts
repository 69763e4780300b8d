// Every request × every kind of sender: what each gets, and that every pair the sender policy
// forbids is refused without a trace in the store, the sessions, the ports or sync.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { serializeDeckFile } from '../formats/deck-file';
import { overlayPortName, type Sender } from '../messaging/protocol';
import type { VideoInfo } from '../model/records';
import { readEverything } from '../store/bulk';
import { openDatabase, putCard, putNote } from '../store/database';
import { findSession } from './composer-sessions';
import { createOverlayHub } from './overlay-hub';
import { createRouter, type RouterDeps } from './router';

const extensionId = 'cuecards-test';
const origin = `chrome-extension://${extensionId}/`;
const videoA: VideoInfo = {
  key: 'yt:AAAAAAAAAAA',
  provider: 'youtube',
  title: 'Video A',
  url: 'https://www.youtube.com/watch?v=AAAAAAAAAAA',
};
const videoB: VideoInfo = {
  key: 'yt:BBBBBBBBBBB',
  provider: 'youtube',
  title: 'Video B',
  url: 'https://www.youtube.com/watch?v=BBBBBBBBBBB',
};
const noteOfA = '01890a5d-ac96-774b-bcce-00000000000a';
const noteOfB = '01890a5d-ac96-774b-bcce-00000000000b';
const cardOfB = '01890a5d-ac96-774b-bcce-0000000000cb';
const noteToken = 'notetokennotetokennote';
const cardToken = 'cardtokencardtokencard';
const newToken = 'newtokennewtokennewtoken';
const listToken = 'listtokenlisttokenlist';
const newListToken = 'newlisttokennewlisttoken';
const textOfB = 'What only video B’s viewer wrote';
const sharedLink = 'https://www.youtube.com/watch?v=BBBBBBBBBBB#cuecards=a-deck';
const now = Date.now();

const senderTable = {
  'content script showing A': {
    id: extensionId,
    url: 'https://www.youtube.com/embed/AAAAAAAAAAA',
    tab: { id: 4 },
    frameId: 2,
  },
  // An embed whose fragment the embedding page rewrote into a share link.
  'content script showing B': {
    id: extensionId,
    url: 'https://www.youtube.com/embed/BBBBBBBBBBB#cuecards=a-forged-deck',
    tab: { id: 4 },
    frameId: 3,
  },
  'content script of B’s top-level page': {
    id: extensionId,
    url: sharedLink,
    tab: { id: 12 },
    frameId: 0,
  },
  'content script of a frame without overlay': {
    id: extensionId,
    url: 'https://blog.example/post',
    tab: { id: 4 },
    frameId: 5,
  },
  'content script of B in another tab, without overlay': {
    id: extensionId,
    url: 'https://www.youtube.com/watch?v=BBBBBBBBBBB',
    tab: { id: 8 },
    frameId: 0,
  },
  'editor frame of the session': {
    id: extensionId,
    url: `${origin}composer.html?s=${noteToken}`,
    tab: { id: 4 },
    frameId: 9,
  },
  'another editor frame in the tab': {
    id: extensionId,
    url: `${origin}composer.html?s=${noteToken}`,
    tab: { id: 4 },
    frameId: 10,
  },
  'library tab': { id: extensionId, url: `${origin}library.html`, tab: { id: 7 }, frameId: 0 },
  popup: { id: extensionId, url: `${origin}popup.html` },
  'another extension': { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' },
} satisfies Record<string, Sender>;
type SenderName = keyof typeof senderTable;
const senders: Record<SenderName, Sender> = senderTable;
const senderNames = Object.keys(senders) as SenderName[];
const showsB: SenderName[] = ['content script showing B', 'content script of B’s top-level page'];
const contentScripts: SenderName[] = [
  'content script showing A',
  ...showsB,
  'content script of a frame without overlay',
  'content script of B in another tab, without overlay',
];
const extensionPages: SenderName[] = [
  'editor frame of the session',
  'another editor frame in the tab',
  'library tab',
  'popup',
];

type World = Awaited<ReturnType<typeof world>>;
type Answer = { ok: true; value: unknown } | { ok: false; error: string };

interface Row {
  name: string;
  /** A request to the router, or a message over the sender's overlay port. */
  message: object;
  overPort?: boolean;
  /** Who gets what they asked; everyone else is refused. */
  granted: SenderName[];
  /** Whether the answer gave what was asked (by default: an answer without an error). */
  isGranted?: (
    answer: Answer | undefined,
    world: World,
    sender: Sender,
  ) => boolean | Promise<boolean>;
}

const note = { id: noteOfB, text: textOfB, createdAt: 1, updatedAt: now };
const rows: Row[] = [
  {
    name: 'overlay.inject',
    message: { type: 'overlay.inject' },
    granted: [...contentScripts, ...extensionPages],
  },
  {
    name: 'command',
    message: { type: 'command', name: 'add-note', id: 'commandidcommandid' },
    granted: [...contentScripts, ...extensionPages],
  },
  ...(['note.delete', 'note.restore'] as const).map((type) => ({
    name: `${type} of B’s note`,
    message: { type, id: noteOfB, updatedAt: now },
    granted: [...showsB, ...extensionPages],
  })),
  ...(['card.delete', 'card.restore'] as const).map((type) => ({
    name: `${type} of B’s card`,
    message: { type, id: cardOfB, updatedAt: now },
    granted: [...showsB, ...extensionPages],
  })),
  {
    name: 'note.delete of B’s note dated in the year 275760',
    message: { type: 'note.delete', id: noteOfB, updatedAt: 8.64e15 },
    granted: [],
  },
  {
    name: 'composer.open on B, editing B’s note',
    message: {
      type: 'composer.open',
      token: newToken,
      video: videoB,
      target: { kind: 'note', t: 1, noteId: noteOfB },
    },
    granted: [...showsB, ...extensionPages],
  },
  {
    name: 'composer.open on A, editing B’s note',
    message: {
      type: 'composer.open',
      token: newToken,
      video: videoA,
      target: { kind: 'note', t: 1, noteId: noteOfB },
    },
    granted: extensionPages,
  },
  {
    name: 'composer.open on B, editing B’s card',
    message: {
      type: 'composer.open',
      token: newToken,
      video: videoB,
      target: { kind: 'card', t: 1, cardId: cardOfB },
    },
    granted: [...showsB, ...extensionPages],
  },
  {
    name: 'composer.open of a shared deck on B',
    message: {
      type: 'composer.open',
      token: newToken,
      video: videoB,
      target: {
        kind: 'deck',
        t: 1,
        link: 'https://www.youtube.com/watch?v=BBBBBBBBBBB#cuecards=x',
      },
    },
    granted: extensionPages,
  },
  {
    name: 'composer.session of B’s note editor',
    message: { type: 'composer.session', token: noteToken },
    granted: ['editor frame of the session'],
    isGranted: (answer) => answer?.ok === true && JSON.stringify(answer.value).includes(textOfB),
  },
  {
    name: 'composer.submit to B’s note editor',
    message: { type: 'composer.submit', token: noteToken, note: { ...note, text: 'Rewritten' } },
    granted: ['editor frame of the session'],
  },
  {
    name: 'composer.submit-card to B’s card editor',
    message: {
      type: 'composer.submit-card',
      token: cardToken,
      card: {
        id: cardOfB,
        start: 1,
        end: 5,
        title: 'Rewritten',
        text: '',
        kind: 'fact',
        createdAt: 1,
        updatedAt: now,
      },
    },
    granted: ['editor frame of the session'],
  },
  {
    name: 'composer.close of B’s note editor',
    message: { type: 'composer.close', token: noteToken, saved: false },
    granted: ['editor frame of the session'],
    isGranted: (answer) => answer?.ok === true && answer.value === true,
  },
  {
    name: 'composer.resume of B’s note editor, still open',
    message: {
      type: 'composer.resume',
      token: noteToken,
      video: videoB,
      target: { kind: 'note', t: 2, noteId: noteOfB },
    },
    granted: ['editor frame of the session'],
  },
  {
    name: 'composer.resume of an editor the browser forgot',
    message: {
      type: 'composer.resume',
      token: newToken,
      video: videoB,
      target: { kind: 'note', t: 2, noteId: noteOfB },
    },
    // Only a frame of ours in a tab: an editor, never the page's scripts nor our own tabs.
    granted: ['editor frame of the session', 'another editor frame in the tab'],
  },
  { name: 'tab.videos', message: { type: 'tab.videos', tabId: 4 }, granted: extensionPages },
  {
    name: 'tab.seek',
    message: { type: 'tab.seek', tabId: 4, frameId: 3, t: 5 },
    granted: extensionPages,
  },
  {
    name: 'tab.edit-card',
    message: { type: 'tab.edit-card', tabId: 4, frameId: 3, cardId: cardOfB },
    granted: extensionPages,
  },
  {
    name: 'video.markdown (the frame’s own video only)',
    message: { type: 'video.markdown' },
    // Extension pages have no overlay of their own: the popup asks the store directly.
    granted: showsB,
    isGranted: (answer) => answer?.ok === true && JSON.stringify(answer.value).includes(textOfB),
  },
  {
    name: 'deck.import of a deck on B',
    message: {
      type: 'deck.import',
      text: serializeDeckFile({
        format: 'cuecards-deck',
        version: 1,
        video: videoB,
        deck: {
          id: '01890a5d-ac96-774b-bcce-0000000000db',
          title: 'Planted',
          author: '',
          description: '',
          createdAt: 1,
          updatedAt: 1,
        },
        cards: [
          {
            id: '01890a5d-ac96-774b-bcce-0000000000dc',
            start: 1,
            end: 4,
            title: 'Planted',
            text: '',
            kind: 'fact',
            createdAt: 1,
            updatedAt: 1,
          },
        ],
      }),
      from: 'file',
    },
    // Not from the editor either: a frame in the page, which the page can cover.
    granted: ['library tab', 'popup'],
  },
  {
    name: 'share.preview of the link its top-level frame was opened with',
    message: { type: 'share.preview' },
    granted: ['content script of B’s top-level page'],
  },
  {
    name: 'share.offer of the link B’s page was opened with',
    message: { type: 'share.offer', token: 'set by the world' },
    granted: extensionPages,
    isGranted: (answer) => answer?.ok === true && JSON.stringify(answer.value).includes(sharedLink),
  },
  {
    name: 'composer.keys of B’s note editor',
    message: { type: 'composer.keys', token: noteToken, isHeld: true },
    // Only the overlay that opened the editor has the tab's frames hold their keys for it.
    granted: ['content script showing B'],
    isGranted: (answer, world) => answer?.ok === true && world.keyHolds.length === 1,
  },
  {
    name: 'notes.open of B’s list',
    message: { type: 'notes.open', token: newListToken, videoKey: videoB.key },
    granted: showsB,
  },
  {
    name: 'notes.act on B’s open list',
    message: {
      type: 'notes.act',
      token: listToken,
      id: 'actionidactionid',
      action: { kind: 'seek', noteId: noteOfB },
    },
    // The list's own frame, or any frame of ours in that tab: never the page's scripts.
    granted: ['editor frame of the session', 'another editor frame in the tab'],
    isGranted: (answer) => answer?.ok === true && answer.value === true,
  },
  {
    name: 'sync.connect',
    message: {
      type: 'sync.connect',
      address: 'https://dav.example/',
      user: 'u',
      password: 'p',
      passphrase: 'x',
    },
    granted: extensionPages,
  },
  { name: 'sync.now', message: { type: 'sync.now' }, granted: extensionPages },
  { name: 'sync.disconnect', message: { type: 'sync.disconnect' }, granted: extensionPages },
  {
    name: 'watch B over an overlay port',
    message: { type: 'watch', video: videoB },
    overPort: true,
    // Its address is B's: that frame shows B (and may watch it once its overlay starts).
    granted: [...showsB, 'content script of B in another tab, without overlay'],
    isGranted: (_, world, sender) =>
      world.hub.videoOf(sender.tab?.id ?? -1, sender.frameId ?? -1)?.key === videoB.key,
  },
];

function fakePort(sender: Sender, pushes: unknown[]) {
  const listeners: Array<(message: unknown) => unknown> = [];
  const port = {
    name: overlayPortName,
    sender,
    postMessage: (push: unknown) => pushes.push(push),
    disconnect() {},
    onMessage: {
      addListener: (listener: (message: unknown) => unknown) => listeners.push(listener),
    },
    onDisconnect: { addListener() {} },
  };
  const send = async (message: unknown) => {
    for (const listener of listeners) await listener(message);
  };
  return { port, send };
}

/** Two overlays in tab 4 (one on A, one on B), B's note and card, and open editors of both. */
async function world() {
  fakeBrowser.reset();
  const db = openDatabase(`matrix-${crypto.randomUUID()}`);
  await putNote(
    db,
    { id: noteOfA, videoKey: videoA.key, t: 1, text: 'A', createdAt: 1, updatedAt: 1 },
    videoA,
  );
  await putNote(db, { ...note, videoKey: videoB.key, t: 2, updatedAt: 1 }, videoB);
  await putCard(
    db,
    {
      id: cardOfB,
      videoKey: videoB.key,
      start: 1,
      end: 5,
      title: 'B’s card',
      text: '',
      kind: 'fact',
      createdAt: 1,
      updatedAt: 1,
    },
    videoB,
  );
  const addresses = new Map(
    Object.values(senders).map((sender) => [`${sender.tab?.id}:${sender.frameId}`, sender.url]),
  );
  const hub = createOverlayHub(db, extensionId, async (tabId, frameId) =>
    addresses.get(`${tabId}:${frameId}`),
  );
  const pushes: unknown[] = [];
  const tabsOpened: string[] = [];
  const keyHolds: Array<[number, boolean]> = [];
  const ports = new Map<SenderName, ReturnType<typeof fakePort>>();
  const portOf = (name: SenderName) => {
    let port = ports.get(name);
    if (!port) {
      port = fakePort(senders[name], pushes);
      ports.set(name, port);
      hub.connect(port.port as never);
    }
    return port;
  };
  await portOf('content script showing A').send({ type: 'watch', video: videoA });
  await portOf('content script showing B').send({ type: 'watch', video: videoB });
  await portOf('content script of B’s top-level page').send({ type: 'watch', video: videoB });
  const sync = {
    connect: vi.fn(async () => ({ ok: false as const, problem: { kind: 'unreachable' } })),
    syncNow: vi.fn(async () => ({ state: 'off' })),
    disconnect: vi.fn(async () => ({ state: 'off' })),
  };
  const router = createRouter({
    db,
    hub,
    extensionId,
    extensionOrigin: origin,
    injectOverlay: vi.fn(async () => undefined),
    videoWaitMs: 0,
    openTab: async (url: string) => {
      tabsOpened.push(url);
    },
    framesWithVideo: async () => [],
    sync: sync as unknown as RouterDeps['sync'],
    holdKeys: async (tabId, isHeld) => {
      keyHolds.push([tabId, isHeld]);
    },
  });
  const showingB = senders['content script showing B'];
  const editor = senders['editor frame of the session'];
  // B's overlay opened the note editor; a second overlay of B, in frame 11, the card editor.
  const cardOverlay = { ...showingB, frameId: 11 };
  addresses.set('4:11', showingB.url);
  const cardOverlayPort = fakePort(cardOverlay, pushes);
  hub.connect(cardOverlayPort.port as never);
  await cardOverlayPort.send({ type: 'watch', video: videoB });
  for (const [token, target, overlay] of [
    [cardToken, { kind: 'card', t: 1, cardId: cardOfB }, cardOverlay],
    [noteToken, { kind: 'note', t: 2, noteId: noteOfB }, showingB],
  ] as const) {
    const opened = await router.onMessage(
      { type: 'composer.open', token, video: videoB, target },
      overlay,
    );
    expect(opened).toEqual({ ok: true, value: true });
    const bound = await router.onMessage({ type: 'composer.session', token }, editor);
    expect(bound.ok).toBe(true);
  }
  // B's overlay has its notes list open.
  const listed = await router.onMessage(
    { type: 'notes.open', token: listToken, videoKey: videoB.key },
    showingB,
  );
  expect(listed).toEqual({ ok: true, value: true });
  // B's top-level page was opened with a share link: its offer waits for an extension tab.
  const offered = await router.onMessage(
    { type: 'share.preview' },
    senders['content script of B’s top-level page'],
  );
  expect(offered).toEqual({ ok: true, value: true });
  const snapshot = async () =>
    JSON.stringify({
      store: await readEverything(db),
      sessions: await fakeBrowser.storage.session.get(),
      pushes: pushes.length,
      tabsOpened,
      keyHolds,
      sync: [sync.connect, sync.syncNow, sync.disconnect].map((call) => call.mock.calls.length),
    });
  const offerToken = tabsOpened[0]?.split('#')[1] ?? '';
  return { db, hub, router, portOf, snapshot, offerToken, keyHolds };
}

const results: Array<{ row: string; sender: SenderName; isAllowed: boolean; isGranted: boolean }> =
  [];

describe('the message matrix', () => {
  for (const row of rows) {
    describe(row.name, () => {
      for (const name of senderNames) {
        const isAllowed = row.granted.includes(name);
        it(`${isAllowed ? 'is granted to' : 'is refused to'} ${name}`, async () => {
          const w = await world();
          const before = await w.snapshot();
          const sender = senders[name];
          let answer: Answer | undefined;
          if (row.overPort) {
            if (sender.tab?.id !== undefined && sender.id === extensionId) {
              await w.portOf(name).send(row.message);
            }
          } else {
            const message =
              'token' in row.message && row.message.token === 'set by the world'
                ? { ...row.message, token: w.offerToken }
                : row.message;
            answer = await w.router.onMessage(message, sender);
          }
          const isGranted = row.isGranted
            ? await row.isGranted(answer, w, sender)
            : answer?.ok === true;
          results.push({ row: row.name, sender: name, isAllowed, isGranted });
          expect(isGranted).toBe(isAllowed);
          if (!isAllowed) {
            expect(await w.snapshot()).toBe(before);
            if (row.name.startsWith('composer.open'))
              expect(await findSession(newToken)).toBeUndefined();
          }
          await w.db.delete();
        });
      }
    });
  }

  afterAll(() => {
    const refusedOfDisallowed = results.filter((r) => !r.isAllowed && !r.isGranted).length;
    const disallowed = results.filter((r) => !r.isAllowed).length;
    const allowed = results.filter((r) => r.isAllowed);
    console.info(
      `message matrix: ${rows.length} requests × ${senderNames.length} senders = ${results.length} pairs; ` +
        `${refusedOfDisallowed} of ${disallowed} disallowed pairs refused; ` +
        `${allowed.filter((r) => r.isGranted).length} of ${allowed.length} allowed pairs granted`,
    );
  });
});

describe('a request heard before its frame says what it shows', () => {
  it('waits for the frame’s watch, as after the worker was woken by that request', async () => {
    fakeBrowser.reset();
    const db = openDatabase(`matrix-${crypto.randomUUID()}`);
    const sender = senders['content script showing B'];
    const hub = createOverlayHub(db, extensionId, async () => sender.url);
    const router = createRouter({
      db,
      hub,
      extensionId,
      extensionOrigin: origin,
      injectOverlay: async () => undefined,
      openTab: async () => undefined,
      framesWithVideo: async () => [],
      sync: {} as RouterDeps['sync'],
    });
    const port = fakePort(sender, []);
    hub.connect(port.port as never);
    const request = {
      type: 'composer.open',
      token: newToken,
      video: videoB,
      target: { kind: 'note', t: 1 },
    };
    const answer = router.onMessage(request, sender);
    await port.send({ type: 'watch', video: videoB });
    expect(await answer).toEqual({ ok: true, value: true });
    await db.delete();
  });
});
