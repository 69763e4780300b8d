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

const token = 'abcdefghijklmnopqrstuvwxyz012345';
const video = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube',
  title: 'Montage',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
};
// A page's overlay opens the editor for a moment of its video...
const open = { type: 'composer.open', token, video, target: { kind: 'note', t: 83 } };
// ...and the editor, an extension page, sends what was typed.
const submit = {
  type: 'composer.submit',
  token,
  note: { id: '01890a5d-ac96-774b-bcce-b302099a8057', text: 'Hello', createdAt: 1, updatedAt: 1 },
};

describe('senderKind', () => {
  it('tells the composer inside a tab from a content script by its URL', () => {
    expect(senderKind(composer, extensionId, origin)).toBe('extension-frame');
    expect(senderKind(contentScript, extensionId, origin)).toBe('content-script');
    expect(senderKind(popup, extensionId, origin)).toBe('extension-page');
  });

  it('refuses messages from another extension', () => {
    expect(senderKind({ ...popup, id: 'other' }, extensionId, origin)).toBe('foreign');
  });
});

describe('acceptRequest', () => {
  it('accepts a well-formed editor request from a content script and a note from the editor', () => {
    expect(acceptRequest(open, 'content-script').ok).toBe(true);
    expect(acceptRequest(submit, 'extension-page').ok).toBe(true);
  });

  it.each([
    ['an unknown type', { type: 'notes.wipe' }],
    ['an extra key', { ...open, admin: true }],
    ['an empty note', { ...submit, note: { ...submit.note, text: '   ' } }],
    [
      'a note over the size limit',
      { ...submit, note: { ...submit.note, text: 'x'.repeat(20_001) } },
    ],
    ['a negative time', { ...open, target: { ...open.target, t: -1 } }],
    ['a time that is not a number', { ...open, target: { ...open.target, t: '83' } }],
    ['a bad id', { ...submit, note: { ...submit.note, id: 'not-a-uuid' } }],
    ['a javascript: video URL', { ...open, video: { ...video, url: 'javascript:alert(1)' } }],
    ['a missing video', { type: 'composer.open', token, target: open.target }],
    ['not an object', 'composer.open'],
    ['null', null],
  ])('rejects %s from a page and from an extension page', (_, message) => {
    expect(acceptRequest(message, 'content-script').ok).toBe(false);
    expect(acceptRequest(message, 'extension-page').ok).toBe(false);
  });

  it('says which field was wrong', () => {
    const accepted = acceptRequest(
      { ...submit, note: { ...submit.note, text: 'x'.repeat(20_001) } },
      'extension-page',
    );
    expect(accepted).toEqual({
      ok: false,
      error: 'Invalid request: note.text: is longer than 20000 characters',
    });
  });

  it('takes no note or card written straight from a page: they come from the editor', () => {
    const note = { ...submit.note, videoKey: video.key, t: 83 };
    const card = {
      ...submit.note,
      videoKey: video.key,
      start: 1,
      end: 2,
      title: 'T',
      kind: 'fact',
    };
    for (const message of [
      { type: 'note.save', note, video },
      { type: 'card.save', card, video },
    ]) {
      expect(acceptRequest(message, 'content-script').ok).toBe(false);
      expect(acceptRequest(message, 'extension-page').ok).toBe(false);
    }
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
    expect(acceptRequest(open, 'foreign').ok).toBe(false);
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
