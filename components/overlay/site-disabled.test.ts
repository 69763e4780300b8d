import { describe, expect, it } from 'vitest';
import { type FramePlace, isOverlayDisabled } from './site-disabled';

const topPage = (hostname: string): FramePlace => ({
  hostname,
  ancestorOrigins: [],
  isTopFrame: true,
  referrer: '',
});

const embed = (hostname: string, place: Partial<FramePlace>): FramePlace => ({
  hostname,
  ancestorOrigins: undefined,
  isTopFrame: false,
  referrer: '',
  ...place,
});

describe('isOverlayDisabled', () => {
  it('is off on a site the viewer turned off, and on its subdomains', () => {
    expect(isOverlayDisabled(['example.com'], topPage('example.com'))).toBe(true);
    expect(isOverlayDisabled(['example.com'], topPage('videos.example.com'))).toBe(true);
  });

  it('stays on elsewhere, and with no site turned off', () => {
    expect(isOverlayDisabled(['example.com'], topPage('example.org'))).toBe(false);
    expect(isOverlayDisabled(['example.com'], topPage('notexample.com'))).toBe(false);
    expect(isOverlayDisabled([], topPage('example.com'))).toBe(false);
  });

  it('is off in an embed on a turned-off site, by the top origin Chromium gives', () => {
    const place = embed('www.youtube.com', {
      ancestorOrigins: ['https://player.example.net', 'https://blog.example.com'],
    });
    expect(isOverlayDisabled(['example.com'], place)).toBe(true);
    expect(isOverlayDisabled(['example.net'], place)).toBe(false);
  });

  it('prefers the ancestors to the referrer when the browser gives them', () => {
    const place = embed('www.youtube.com', {
      ancestorOrigins: ['https://example.org'],
      referrer: 'https://example.com/post',
    });
    expect(isOverlayDisabled(['example.com'], place)).toBe(false);
  });

  it('guesses the top page from the referrer where there are no ancestor origins', () => {
    const place = embed('player.vimeo.com', { referrer: 'https://example.com/post' });
    expect(isOverlayDisabled(['example.com'], place)).toBe(true);
    expect(isOverlayDisabled(['example.org'], place)).toBe(false);
  });

  it('falls back to the referrer in an embed whose ancestor list is empty', () => {
    const place = embed('www.youtube.com', {
      ancestorOrigins: [],
      referrer: 'https://example.com/',
    });
    expect(isOverlayDisabled(['example.com'], place)).toBe(true);
  });

  it('does not read the referrer of a top page as a page around it', () => {
    const place = { ...topPage('example.org'), referrer: 'https://example.com/' };
    expect(isOverlayDisabled(['example.com'], place)).toBe(false);
    expect(isOverlayDisabled(['example.com'], { ...place, ancestorOrigins: undefined })).toBe(
      false,
    );
  });

  it('stays on when the referrer is not an address', () => {
    expect(isOverlayDisabled(['example.com'], embed('example.org', { referrer: 'garbage' }))).toBe(
      false,
    );
  });
});
