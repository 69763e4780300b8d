import { describe, expect, it } from 'vitest';
import { tagsOf } from '../model/records';
import { acceptRequest, senderKind } from './protocol';

const extensionId = 'abcdefghijklmnop';
const origin = `chrome-extension://${extensionId}/`;
const contentScript = {
  id: extensionId,
  url: 'https://blog.example/post',
  tab: { id: 3 },
  frameId: 0,
};
const composer = { id: extensionId, url: `${origin}composer.html?s=x`, tab: { id: 3 }, frameId: 7 };
const popup = { id: extensionId, url: `${origin}popup.html` };

const save = {
  type: 'note.save',
  note: {
    id: '01890a5d-ac96-774b-bcce-b302099a8057',
    videoKey: 'yt:dQw4w9WgXcQ',
    t: 83,
    text: 'Hello',
    createdAt: 1,
    updatedAt: 1,
  },
  video: {
    key: 'yt:dQw4w9WgXcQ',
    provider: 'youtube',
    title: 'Montage',
    url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  },
};

describe('senderKind', () => {
  it('tells the composer inside a tab from a content script by its URL', () => {
    expect(senderKind(composer, extensionId, origin)).toBe('extension-page');
    expect(senderKind(contentScript, extensionId, origin)).toBe('content-script');
    expect(senderKind(popup, extensionId, origin)).toBe('extension-page');
  });

  it('refuses messages from another extension', () => {
    expect(senderKind({ ...popup, id: 'other' }, extensionId, origin)).toBe('foreign');
  });
});

describe('acceptRequest', () => {
  it('accepts a well-formed note from a content script', () => {
    expect(acceptRequest(save, 'content-script').ok).toBe(true);
  });

  it.each([
    ['an unknown type', { type: 'notes.wipe' }],
    ['an extra key', { ...save, admin: true }],
    ['an empty note', { ...save, note: { ...save.note, text: '   ' } }],
    ['a note over the size limit', { ...save, note: { ...save.note, text: 'x'.repeat(20_001) } }],
    ['a negative time', { ...save, note: { ...save.note, t: -1 } }],
    ['a time that is not a number', { ...save, note: { ...save.note, t: '83' } }],
    ['a bad id', { ...save, note: { ...save.note, id: 'not-a-uuid' } }],
    ['a javascript: video URL', { ...save, video: { ...save.video, url: 'javascript:alert(1)' } }],
    ['a missing video', { type: 'note.save', note: save.note }],
    ['not an object', 'note.save'],
    ['null', null],
  ])('rejects %s', (_, message) => {
    const accepted = acceptRequest(message, 'content-script');
    expect(accepted.ok).toBe(false);
  });

  it('says which field was wrong', () => {
    const accepted = acceptRequest(
      { ...save, note: { ...save.note, text: 'x'.repeat(20_001) } },
      'content-script',
    );
    expect(accepted).toEqual({
      ok: false,
      error: 'Invalid request: note.text: is longer than 20000 characters',
    });
  });

  it('refuses privileged requests from a content script but not from extension pages', () => {
    const seek = { type: 'tab.seek', tabId: 1, frameId: 0, t: 3 };
    const session = { type: 'composer.session', token: 'abcdefghijklmnopqrstuvwxyz012345' };
    expect(acceptRequest(seek, 'content-script')).toEqual({
      ok: false,
      error: 'tab.seek is not allowed from a page.',
    });
    expect(acceptRequest(session, 'content-script').ok).toBe(false);
    expect(acceptRequest(seek, 'extension-page').ok).toBe(true);
    expect(acceptRequest(session, 'extension-page').ok).toBe(true);
  });

  it('refuses everything from a foreign sender', () => {
    expect(acceptRequest(save, 'foreign').ok).toBe(false);
  });
});

describe('tagsOf', () => {
  it('reads #tags once each, lower-cased, and ignores anchors inside words', () => {
    expect(tagsOf('#Rocky chops wood #training (#Rocky) mail@x#no #über')).toEqual([
      'rocky',
      'training',
      'über',
    ]);
  });
});
