import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ComposerSession } from '../messaging/protocol';
import {
  bindSessionEditor,
  closeSession,
  findSession,
  findSessionEvenClosed,
  openSession,
} from './composer-sessions';

const session: ComposerSession = {
  token: 'tokentokentokentoken',
  tabId: 4,
  frameId: 2,
  video: {
    key: 'yt:dQw4w9WgXcQ',
    provider: 'youtube',
    title: 'Montage',
    url: 'https://youtu.be/x',
  },
  target: { kind: 'note', t: 83, noteId: '01890a5d-ac96-774b-bcce-b302099a8057' },
};

beforeEach(() => fakeBrowser.reset());

describe('composer sessions', () => {
  it('keeps the session an open delivered twice opened first, bound editor and all', async () => {
    await openSession(session);
    await bindSessionEditor(session.token, 9);
    const again = await openSession({
      ...session,
      target: { kind: 'note', t: 90, noteId: '01890a5d-ac96-774b-bcce-b302099a8058' },
    });
    expect(again).toEqual({ ...session, editorFrameId: 9 });
    expect(await findSession(session.token)).toEqual({ ...session, editorFrameId: 9 });
  });

  it('keeps a closed session for a close or save delivered again, and closes it once', async () => {
    await openSession(session);
    await closeSession(session.token, 4, true);
    const closed = await findSessionEvenClosed(session.token);
    expect(closed).toMatchObject({ ...session, wasSaved: true });
    await closeSession(session.token, 4, false);
    expect(await findSessionEvenClosed(session.token)).toEqual(closed);
    expect(await findSession(session.token)).toBeUndefined();
  });

  it('remembers a session the browser forgot as closed in its tab', async () => {
    await closeSession(session.token, 4, false);
    expect(await findSessionEvenClosed(session.token)).toMatchObject({
      token: session.token,
      tabId: 4,
      wasSaved: false,
    });
    expect(await findSession(session.token)).toBeUndefined();
  });

  it('closes the editor a frame had when it opens a new one', async () => {
    await openSession(session);
    await openSession({ ...session, token: 'othertokenothertoken' });
    expect(await findSession(session.token)).toBeUndefined();
    expect((await findSessionEvenClosed(session.token))?.closedAt).toBeTypeOf('number');
    expect(await findSession('othertokenothertoken')).toBeDefined();
  });

  it('loses no change made at the same moment', async () => {
    const tokens = Array.from({ length: 10 }, (_, i) => `token${i}token${i}token${i}`);
    await Promise.all(tokens.map((token, frameId) => openSession({ ...session, token, frameId })));
    await Promise.all(tokens.map((token, i) => bindSessionEditor(token, 100 + i)));
    for (const [i, token] of tokens.entries()) {
      expect(await findSession(token)).toMatchObject({ editorFrameId: 100 + i });
    }
  });
});
