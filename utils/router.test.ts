import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Push } from './messages';
import type { OverlayHub } from './overlay-hub';
import { createRouter } from './router';
import { notesOfVideo, openDatabase } from './store';

const extensionId = 'cuecards-test';
const origin = 'chrome-extension://cuecards-test/';
const overlay = { id: extensionId, url: 'https://blog.example/post', tab: { id: 4 }, frameId: 2 };
const composer = { id: extensionId, url: `${origin}composer.html`, tab: { id: 4 }, frameId: 9 };
const token = 'tokentokentokentokentoken';
const video = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube' as const,
  title: 'Montage',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
};

function setup(frames: Array<{ frameId: number; isPlaying: boolean; activeAt: number }> = []) {
  const db = openDatabase(`router-${crypto.randomUUID()}`);
  const posted: Array<{ tabId: number; frameId: number; push: Push }> = [];
  const hub = {
    has: () => false,
    framesOfTab: () =>
      [...frames].sort(
        (a, b) => Number(b.isPlaying) - Number(a.isPlaying) || b.activeAt - a.activeAt,
      ),
    videosOfTab: () => [],
    waitForFrame: async () => undefined,
    connect: () => true,
    post: (tabId: number, frameId: number, push: Push) => {
      posted.push({ tabId, frameId, push });
      return true;
    },
  } as unknown as OverlayHub;
  const injectOverlay = vi.fn(async () => undefined);
  const router = createRouter({
    db,
    hub,
    extensionId,
    extensionOrigin: origin,
    injectOverlay,
    framesWithVideo: async () => [],
  });
  return { db, router, posted, injectOverlay };
}

beforeEach(() => fakeBrowser.reset());

describe('router', () => {
  it('saves a note typed in the composer, then closes the editor in the frame that opened it', async () => {
    const { db, router, posted } = setup();
    const opened = await router.onMessage({ type: 'composer.open', token, video, t: 83 }, overlay);
    expect(opened).toEqual({ ok: true, value: true });
    const session = await router.onMessage({ type: 'composer.session', token }, composer);
    expect(session).toEqual({ ok: true, value: { video, t: 83, note: undefined } });

    const note = {
      id: '01890a5d-ac96-774b-bcce-b302099a8057',
      text: 'Drago runs on a treadmill',
      createdAt: 10,
      updatedAt: 10,
    };
    const saved = await router.onMessage({ type: 'composer.submit', token, note }, composer);
    expect(saved).toEqual({ ok: true, value: 'written' });
    expect(await notesOfVideo(db, video.key)).toMatchObject([{ t: 83, text: note.text }]);
    expect(posted).toEqual([]);
    await router.onMessage({ type: 'composer.close', token, saved: true }, composer);
    expect(posted).toEqual([
      { tabId: 4, frameId: 2, push: { type: 'composer.closed', token, saved: true } },
    ]);
  });

  it('edits a note in place, keeping its time', async () => {
    const { db, router } = setup();
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    const first = { id, videoKey: video.key, t: 12, text: 'first', createdAt: 1, updatedAt: 1 };
    await router.onMessage({ type: 'note.save', note: first, video }, overlay);
    await router.onMessage({ type: 'composer.open', token, video, t: 50, noteId: id }, overlay);
    const session = await router.onMessage({ type: 'composer.session', token }, composer);
    expect(session).toMatchObject({ ok: true, value: { t: 12, note: { text: 'first' } } });
    await router.onMessage(
      { type: 'composer.submit', token, note: { id, text: 'second', createdAt: 1, updatedAt: 2 } },
      composer,
    );
    expect(await notesOfVideo(db, video.key)).toMatchObject([{ id, t: 12, text: 'second' }]);
  });

  it('refuses a composer session asked for from another tab', async () => {
    const { router } = setup();
    await router.onMessage({ type: 'composer.open', token, video, t: 1 }, overlay);
    const answer = await router.onMessage(
      { type: 'composer.session', token },
      { ...composer, tab: { id: 99 } },
    );
    expect(answer).toEqual({ ok: false, error: 'This editor has expired.' });
  });

  it('writes nothing for a malformed note and says why', async () => {
    const { db, router } = setup();
    const answer = await router.onMessage(
      {
        type: 'note.save',
        note: { id: 'x', videoKey: video.key, t: 1, text: 'a', createdAt: 1, updatedAt: 1 },
        video,
      },
      overlay,
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
    await router.onMessage({ type: 'command', name: 'add-note' }, overlay);
    expect(posted).toEqual([{ tabId: 4, frameId: expected, push: { type: 'open-composer' } }]);
  });
});
