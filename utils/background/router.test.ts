import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Push } from '../messaging/protocol';
import { notesOfVideo, openDatabase, putNote } from '../store/database';
import { createSyncEngine } from '../sync/engine';
import type { OverlayHub } from './overlay-hub';
import { createRouter } from './router';

const extensionId = 'cuecards-test';
const origin = 'chrome-extension://cuecards-test/';
const overlay = { id: extensionId, url: 'https://blog.example/post', tab: { id: 4 }, frameId: 2 };
const composer = { id: extensionId, url: `${origin}composer.html`, tab: { id: 4 }, frameId: 9 };
const token = 'tokentokentokentokentoken';
const commandId = 'commandidcommandid';
const noteId = '01890a5d-ac96-774b-bcce-b302099a8057';
const video = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube' as const,
  title: 'Montage',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
};

function setup(
  frames: Array<{ frameId: number; isPlaying: boolean; activeAt: number }> = [],
  videoFrames: number[] = [],
  // The overlay frame shows the video: what a content script may ask about.
  watched: Record<string, typeof video> = { '4:2': video },
) {
  const db = openDatabase(`router-${crypto.randomUUID()}`);
  const posted: Array<{ tabId: number; frameId: number; push: Push }> = [];
  const hub = {
    has: () => false,
    framesOfTab: () =>
      [...frames].sort(
        (a, b) => Number(b.isPlaying) - Number(a.isPlaying) || b.activeAt - a.activeAt,
      ),
    videosOfTab: () => [],
    videoOf: (tabId: number, frameId: number) => watched[`${tabId}:${frameId}`],
    videoOfSoon: async (tabId: number, frameId: number) => watched[`${tabId}:${frameId}`],
    waitForFrame: async () => undefined,
    connect: () => true,
    post: (tabId: number, frameId: number, push: Push) => {
      posted.push({ tabId, frameId, push });
      return true;
    },
    // The overlay that opened the editor: this fake's frames report no editors.
    postToEditor: (tabId: number, _token: string, push: Push, frameId?: number) => {
      if (frameId !== undefined) posted.push({ tabId, frameId, push });
      return frameId !== undefined;
    },
    frameWithEditor: () => undefined,
  } as unknown as OverlayHub;
  const injectOverlay = vi.fn(async () => undefined);
  const router = createRouter({
    db,
    hub,
    extensionId,
    extensionOrigin: origin,
    injectOverlay,
    openTab: async () => undefined,
    framesWithVideo: async () => videoFrames,
    sync: createSyncEngine(db),
  });
  return { db, router, posted, injectOverlay };
}

beforeEach(() => fakeBrowser.reset());

describe('router', () => {
  it('gives a frame the Markdown of the video it shows, and of no other', async () => {
    const { db, router } = setup([], [], { '4:2': video });
    await putNote(
      db,
      {
        id: '01890a5d-ac96-774b-bcce-b302099a8057',
        videoKey: video.key,
        t: 83,
        text: 'Drago runs on a treadmill',
        createdAt: 10,
        updatedAt: 10,
      },
      video,
    );
    const answer = await router.onMessage({ type: 'video.markdown' }, overlay);
    expect(answer).toMatchObject({ ok: true, value: { name: 'Montage.md' } });
    expect(answer.ok && (answer.value as { text: string }).text).toContain(
      '- [01:23](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=83s) Drago runs on a treadmill',
    );
    const elsewhere = await router.onMessage(
      { type: 'video.markdown' },
      { ...overlay, frameId: 3 },
    );
    expect(elsewhere).toEqual({ ok: false, error: 'No video with Cuecards in this frame.' });
  });

  it('saves a note typed in the composer, then closes the editor in the frame that opened it', async () => {
    const { db, router, posted } = setup();
    const opened = await router.onMessage(
      { type: 'composer.open', token, video, target: { kind: 'note', t: 83 } },
      overlay,
    );
    expect(opened).toEqual({ ok: true, value: true });
    const session = await router.onMessage({ type: 'composer.session', token }, composer);
    expect(session).toEqual({
      ok: true,
      value: { video, target: { kind: 'note', t: 83, noteId: expect.any(String) } },
    });

    const note = {
      id: '01890a5d-ac96-774b-bcce-b302099a8057',
      text: 'Drago runs on a treadmill',
      createdAt: 10,
      updatedAt: 10,
    };
    const saved = await router.onMessage({ type: 'composer.submit', token, note }, composer);
    expect(saved).toEqual({ ok: true, value: 'written' });
    // The note is the one the editor was opened for, whatever id the editor sent.
    const sessionNoteId =
      session.ok && (session.value as { target: { noteId: string } }).target.noteId;
    expect(await notesOfVideo(db, video.key)).toMatchObject([
      { id: sessionNoteId, t: 83, text: note.text },
    ]);
    expect(posted).toEqual([]);
    expect(
      await router.onMessage({ type: 'composer.close', token, saved: true }, composer),
    ).toEqual({
      ok: true,
      value: true,
    });
    await new Promise((resolve) => setTimeout(resolve));
    expect(posted).toEqual([
      { tabId: 4, frameId: 2, push: { type: 'composer.closed', token, saved: true } },
    ]);
  });

  it('stores one note however often an editor saves it, even after it closed', async () => {
    const { db, router } = setup();
    await router.onMessage(
      { type: 'composer.open', token, video, target: { kind: 'note', t: 83 } },
      overlay,
    );
    // The overlay's open, delivered again (the worker stopped before it answered).
    await router.onMessage(
      { type: 'composer.open', token, video, target: { kind: 'note', t: 83 } },
      overlay,
    );
    await router.onMessage({ type: 'composer.session', token }, composer);
    const save = (id: string, text: string, at: number) =>
      router.onMessage(
        { type: 'composer.submit', token, note: { id, text, createdAt: at, updatedAt: at } },
        composer,
      );
    expect(await save(noteId, 'Drago', 10)).toEqual({ ok: true, value: 'written' });
    // The same save again, then a second Enter with an id of the editor's own.
    expect(await save(noteId, 'Drago', 10)).toMatchObject({ ok: true });
    expect(await save('01890a5d-ac96-774b-bcce-b302099a8058', 'Drago runs', 20)).toEqual({
      ok: true,
      value: 'written',
    });
    await router.onMessage({ type: 'composer.close', token, saved: true }, composer);
    // A save delivered after the close writes the same note again.
    expect(await save(noteId, 'Drago runs on', 30)).toEqual({ ok: true, value: 'written' });
    expect(await notesOfVideo(db, video.key)).toMatchObject([
      { t: 83, text: 'Drago runs on', createdAt: 10 },
    ]);
  });

  it('answers a close delivered twice the same, and tells the overlay each time', async () => {
    const { router, posted } = setup();
    await router.onMessage(
      { type: 'composer.open', token, video, target: { kind: 'note', t: 83 } },
      overlay,
    );
    await router.onMessage({ type: 'composer.session', token }, composer);
    const close = { type: 'composer.close', token, saved: false };
    expect(await router.onMessage(close, composer)).toEqual({ ok: true, value: true });
    expect(await router.onMessage(close, composer)).toEqual({ ok: true, value: true });
    await new Promise((resolve) => setTimeout(resolve));
    const closed = { type: 'composer.closed', token, saved: false };
    expect(posted).toEqual([
      { tabId: 4, frameId: 2, push: closed },
      { tabId: 4, frameId: 2, push: closed },
    ]);
    // Another frame still cannot close it.
    expect(await router.onMessage(close, { ...composer, frameId: 10 })).toEqual({
      ok: true,
      value: false,
    });
  });

  it('tells an overlay that reconnects with a closed editor that it closed, and no other', async () => {
    const { router, posted } = setup();
    await router.onMessage(
      { type: 'composer.open', token, video, target: { kind: 'note', t: 83 } },
      overlay,
    );
    await router.onMessage({ type: 'composer.session', token }, composer);
    // Still open: nothing to say.
    await router.editorReported(4, 2, token);
    expect(posted).toEqual([]);
    await router.onMessage({ type: 'composer.close', token, saved: true }, composer);
    posted.length = 0;
    await router.editorReported(4, 2, token);
    expect(posted).toEqual([
      { tabId: 4, frameId: 2, push: { type: 'composer.closed', token, saved: true } },
    ]);
    // An overlay in another tab that names the token learns nothing.
    await router.editorReported(5, 2, token);
    expect(posted).toHaveLength(1);
  });

  it('says an editor the browser forgot has expired, and saves its text once it resumes', async () => {
    const { db, router } = setup();
    const note = { id: noteId, text: 'Kept', createdAt: 5, updatedAt: 5 };
    const lost = await router.onMessage({ type: 'composer.submit', token, note }, composer);
    expect(lost).toEqual({ ok: false, error: 'This editor has expired.', isExpired: true });
    const target = { kind: 'note', t: 83, noteId };
    // Only the editor's frame resumes: not the page's scripts.
    expect(
      await router.onMessage({ type: 'composer.resume', token, video, target }, overlay),
    ).toMatchObject({ ok: false });
    expect(
      await router.onMessage({ type: 'composer.resume', token, video, target }, composer),
    ).toEqual({ ok: true, value: true });
    expect(await router.onMessage({ type: 'composer.submit', token, note }, composer)).toEqual({
      ok: true,
      value: 'written',
    });
    expect(await notesOfVideo(db, video.key)).toMatchObject([{ id: noteId, t: 83, text: 'Kept' }]);
  });

  it('edits a note in place, keeping its time', async () => {
    const { db, router } = setup();
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    const first = { id, videoKey: video.key, t: 12, text: 'first', createdAt: 1, updatedAt: 1 };
    await putNote(db, first, video);
    await router.onMessage(
      { type: 'composer.open', token, video, target: { kind: 'note', t: 50, noteId: id } },
      overlay,
    );
    const session = await router.onMessage({ type: 'composer.session', token }, composer);
    expect(session).toMatchObject({ ok: true, value: { note: { t: 12, text: 'first' } } });
    await router.onMessage(
      { type: 'composer.submit', token, note: { id, text: 'second', createdAt: 1, updatedAt: 2 } },
      composer,
    );
    expect(await notesOfVideo(db, video.key)).toMatchObject([{ id, t: 12, text: 'second' }]);
  });

  it('refuses a composer session asked for from another tab', async () => {
    const { router } = setup();
    await router.onMessage(
      { type: 'composer.open', token, video, target: { kind: 'note', t: 1 } },
      overlay,
    );
    const answer = await router.onMessage(
      { type: 'composer.session', token },
      { ...composer, tab: { id: 99 } },
    );
    expect(answer).toEqual({ ok: false, error: 'This editor has expired.', isExpired: true });
  });

  it('writes nothing for a malformed note and says why', async () => {
    const { db, router } = setup();
    const answer = await router.onMessage(
      {
        type: 'composer.submit',
        token,
        note: { id: 'x', text: 'a', createdAt: 1, updatedAt: 1 },
      },
      composer,
    );
    expect(answer).toEqual({ ok: false, error: 'Invalid request: note.id: must be a UUID' });
    expect(await db.notes.count()).toBe(0);
  });

  it('does not let a page seek other tabs', async () => {
    const { router, posted } = setup();
    const answer = await router.onMessage(
      { type: 'tab.seek', tabId: 1, frameId: 0, t: 5 },
      overlay,
    );
    expect(answer.ok).toBe(false);
    expect(posted).toEqual([]);
  });

  it('injects the overlay into the frame whose detector found a video', async () => {
    const { router, injectOverlay } = setup();
    expect(await router.onMessage({ type: 'overlay.inject' }, overlay)).toEqual({
      ok: true,
      value: true,
    });
    expect(injectOverlay).toHaveBeenCalledWith(4, [2]);
  });

  it.each([
    [
      'the playing video',
      [
        { frameId: 0, isPlaying: false, activeAt: 9 },
        { frameId: 2, isPlaying: true, activeAt: 1 },
      ],
      2,
    ],
    [
      'the frame where the key was pressed',
      [
        { frameId: 2, isPlaying: false, activeAt: 1 },
        { frameId: 5, isPlaying: false, activeAt: 9 },
      ],
      2,
    ],
    [
      'the video used last',
      [
        { frameId: 5, isPlaying: false, activeAt: 9 },
        { frameId: 6, isPlaying: false, activeAt: 1 },
      ],
      5,
    ],
  ])('opens the editor over %s', async (_, frames, expected) => {
    const { router, posted } = setup(frames);
    await router.onMessage({ type: 'command', name: 'add-note', id: commandId }, overlay);
    expect(posted).toEqual([
      { tabId: 4, frameId: expected, push: { type: 'open-composer', kind: 'note', commandId } },
    ]);
  });

  it('clips selected text into a card editor, reading a leading timestamp as the start', async () => {
    const { router, posted } = setup([{ frameId: 2, isPlaying: false, activeAt: 1 }]);
    await router.clipSelection(4, '  2:15 Drago trains in a lab. ', 'https://blog.example/post', 0);
    expect(posted).toEqual([
      {
        tabId: 4,
        frameId: 2,
        push: {
          type: 'open-composer',
          kind: 'card',
          prefill: {
            text: 'Drago trains in a lab.',
            start: 135,
            source: 'https://blog.example/post',
          },
          commandId: expect.any(String),
        },
      },
    ]);
  });

  it('keeps no source from a page that is not http(s)', async () => {
    const { router, posted } = setup([{ frameId: 0, isPlaying: true, activeAt: 1 }]);
    await router.clipSelection(4, 'A fact', 'file:///home/me/post.html', 0);
    expect(posted[0]?.push).toMatchObject({ prefill: { text: 'A fact', source: undefined } });
  });

  it('saves a card from the editor and refuses one that ends before it starts', async () => {
    const { db, router } = setup();
    const target = { kind: 'card', t: 40, prefill: { text: 'x', source: 'https://blog.example/' } };
    await router.onMessage({ type: 'composer.open', token, video, target }, overlay);
    const card = {
      id: '01890a5d-ac96-774b-bcce-b302099a8301',
      start: 40,
      end: 48,
      title: 'Hearts on Fire',
      text: 'John Cafferty',
      kind: 'music',
      createdAt: 1,
      updatedAt: 1,
    };
    const bad = await router.onMessage(
      { type: 'composer.submit-card', token, card: { ...card, end: 30 } },
      composer,
    );
    expect(bad).toEqual({ ok: false, error: 'end: must be after the start' });
    expect(await db.cards.count()).toBe(0);
    const good = await router.onMessage({ type: 'composer.submit-card', token, card }, composer);
    expect(good).toEqual({ ok: true, value: 'written' });
    // The card gets its id when the editor opens: the one stored is the session's.
    expect(await db.cards.toArray()).toMatchObject([
      { videoKey: video.key, source: 'https://blog.example/', title: 'Hearts on Fire' },
    ]);
  });

  it('passes what the viewer does in a notes list to the overlay that opened it, and only that', async () => {
    const { router, posted } = setup([], [], { '4:2': video });
    const notesList = { ...composer, url: `${origin}notes.html?s=${token}` };
    const open = { type: 'notes.open', token, videoKey: video.key };
    expect(await router.onMessage(open, overlay)).toEqual({
      ok: true,
      value: true,
    });
    const seek = { type: 'notes.act', token, id: commandId, action: { kind: 'seek', noteId } };
    expect(await router.onMessage(seek, notesList)).toEqual({ ok: true, value: true });
    expect(posted).toEqual([
      {
        tabId: 4,
        frameId: 2,
        push: { type: 'notes.act', token, id: commandId, action: seek.action },
      },
    ]);

    // The page's own script cannot act for the list, nor can a list in another tab.
    expect(await router.onMessage(seek, overlay)).toMatchObject({ ok: false });
    const otherTab = { ...notesList, tab: { id: 5 } };
    expect(await router.onMessage(seek, otherTab)).toEqual({ ok: true, value: false });
    expect(posted).toHaveLength(1);
  });

  it('opens no notes list in a frame whose overlay shows no video', async () => {
    const { router } = setup([], [], { '4:2': video });
    const answer = await router.onMessage(
      { type: 'notes.open', token },
      { ...overlay, frameId: 3 },
    );
    expect(answer).toMatchObject({ ok: false });
  });

  it('imports deck files only from extension pages', async () => {
    const { router } = setup();
    const answer = await router.onMessage(
      { type: 'deck.import', text: '{}', from: 'file' },
      overlay,
    );
    expect(answer).toEqual({ ok: false, error: 'deck.import is not allowed from a page.' });
    // Nor from the editor, a frame inside the page that the page can cover.
    expect(
      await router.onMessage({ type: 'deck.import', text: '{}', from: 'file' }, composer),
    ).toEqual({ ok: false, error: 'deck.import is not allowed from a page.' });
    const invalid = await router.onMessage(
      { type: 'deck.import', text: '{}', from: 'file' },
      { id: extensionId, url: `${origin}library.html`, tab: { id: 7 }, frameId: 0 },
    );
    expect(invalid).toEqual({
      ok: false,
      error: expect.stringMatching(/^This deck file is not valid: /),
    });
  });

  it('also injects the overlay into other frames of the tab that hold a video', async () => {
    const { router, injectOverlay } = setup([], [0, 2, 7]);
    await router.onMessage({ type: 'overlay.inject' }, overlay);
    expect(injectOverlay.mock.calls).toEqual([
      [4, [2]],
      [4, [0, 7]],
    ]);
  });
});

describe('sites where Cuecards stays off', () => {
  it('injects no overlay into a frame of a disabled site, nor into an embed on one', async () => {
    const { router, injectOverlay } = setup();
    await fakeBrowser.storage.local.set({ settings: { disabledSites: ['blog.example'] } });
    const onBlog = await router.onMessage({ type: 'overlay.inject' }, overlay);
    const embedOnBlog = await router.onMessage(
      { type: 'overlay.inject' },
      {
        ...overlay,
        url: 'https://www.youtube.com/embed/dQw4w9WgXcQ',
        tab: { id: 4, url: 'https://www.blog.example/post' },
        frameId: 5,
      },
    );
    expect([onBlog, embedOnBlog]).toEqual([
      { ok: true, value: false },
      { ok: true, value: false },
    ]);
    expect(injectOverlay).not.toHaveBeenCalled();

    await fakeBrowser.storage.local.set({ settings: { disabledSites: [] } });
    expect(await router.onMessage({ type: 'overlay.inject' }, overlay)).toEqual({
      ok: true,
      value: true,
    });
    expect(injectOverlay).toHaveBeenCalledWith(4, [2]);
  });
});
