import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hashMediaSrc,
  identifyVideo,
  isUrlOfVideo,
  isVimeoHost,
  isYouTubeHost,
  mediaFragmentTime,
  timeLink,
  videoUrlFor,
} from './video-key';

const YT = 'dQw4w9WgXcQ';
const YT_WATCH = `https://www.youtube.com/watch?v=${YT}`;
const VIMEO = '76979871';
const VIMEO_URL = `https://vimeo.com/${VIMEO}`;

describe('identifyVideo', () => {
  const youTubeShapes: [string, string][] = [
    ['watch page', `https://www.youtube.com/watch?v=${YT}`],
    ['watch page without www', `https://youtube.com/watch?v=${YT}`],
    ['watch page over http', `http://www.youtube.com/watch?v=${YT}`],
    ['mobile watch page', `https://m.youtube.com/watch?v=${YT}&pp=ygUEcmljaw%3D%3D`],
    ['YouTube Music', `https://music.youtube.com/watch?v=${YT}&list=RDAMVM${YT}`],
    [
      'watch page with playlist and index',
      `https://www.youtube.com/watch?v=${YT}&list=PLx&index=3`,
    ],
    ['watch page with v after other params', `https://www.youtube.com/watch?feature=share&v=${YT}`],
    ['watch page with t and si', `https://www.youtube.com/watch?v=${YT}&t=83s&si=abc123`],
    ['watch page with a fragment', `https://www.youtube.com/watch?v=${YT}#t=1m23s`],
    ['uppercase host', `https://WWW.YOUTUBE.COM/watch?v=${YT}`],
    ['shorts', `https://www.youtube.com/shorts/${YT}`],
    ['shorts share link', `https://youtube.com/shorts/${YT}?si=Xy_12-ab`],
    ['live', `https://www.youtube.com/live/${YT}?feature=shared`],
    ['embed', `https://www.youtube.com/embed/${YT}`],
    ['embed with start and autoplay', `https://www.youtube.com/embed/${YT}?start=30&autoplay=1`],
    ['legacy /v/ embed', `https://www.youtube.com/v/${YT}?version=3`],
    ['legacy /e/ embed', `https://www.youtube.com/e/${YT}`],
    ['privacy embed', `https://www.youtube-nocookie.com/embed/${YT}?rel=0`],
    ['privacy embed without www', `https://youtube-nocookie.com/embed/${YT}`],
    ['short link', `https://youtu.be/${YT}`],
    ['short link with si and t', `https://youtu.be/${YT}?si=q1w2e3&t=42`],
  ];

  it.each(youTubeShapes)('keys a YouTube %s by its video id', (_shape, pageUrl) => {
    expect(identifyVideo(pageUrl)).toEqual({ key: `yt:${YT}`, provider: 'youtube', url: YT_WATCH });
  });

  it('keeps ids with underscores and hyphens', () => {
    expect(identifyVideo('https://youtu.be/a_B-c_D-e_F')?.key).toBe('yt:a_B-c_D-e_F');
  });

  const notYouTubeVideos: [string, string][] = [
    ['home page', 'https://www.youtube.com/'],
    ['search results', 'https://www.youtube.com/results?search_query=cats'],
    ['channel page', 'https://www.youtube.com/@somechannel/videos'],
    ['watch page with a too-short id', 'https://www.youtube.com/watch?v=abc'],
    ['watch page with a too-long id', `https://www.youtube.com/watch?v=${YT}x`],
    ['watch page with no v', 'https://www.youtube.com/watch?list=PLx'],
    ['playlist embed', 'https://www.youtube.com/embed/videoseries?list=PLx'],
    ['short link with bad characters', 'https://youtu.be/dQw4w9WgX!Q'],
  ];

  it.each(notYouTubeVideos)('returns undefined for a YouTube %s', (_shape, pageUrl) => {
    expect(identifyVideo(pageUrl, 'https://example.com/v.mp4')).toBeUndefined();
  });

  const vimeoShapes: [string, string][] = [
    ['video page', `https://vimeo.com/${VIMEO}`],
    ['video page with www', `https://www.vimeo.com/${VIMEO}`],
    ['unlisted video page', `https://vimeo.com/${VIMEO}/3a1b2c3d4e`],
    ['channel video', `https://vimeo.com/channels/staffpicks/${VIMEO}`],
    ['group video', `https://vimeo.com/groups/shortfilms/videos/${VIMEO}`],
    ['showcase video', `https://vimeo.com/showcase/12345/video/${VIMEO}`],
    ['player embed', `https://player.vimeo.com/video/${VIMEO}`],
    [
      'player embed with hash and params',
      `https://player.vimeo.com/video/${VIMEO}?h=3a1b2c3d4e&badge=0&autopause=0`,
    ],
    ['video page with a time fragment', `https://vimeo.com/${VIMEO}#t=30s`],
  ];

  it.each(vimeoShapes)('keys a Vimeo %s by its numeric id', (_shape, pageUrl) => {
    expect(identifyVideo(pageUrl)).toEqual({
      key: `vimeo:${VIMEO}`,
      provider: 'vimeo',
      url: VIMEO_URL,
    });
  });

  it.each([
    ['channel listing', 'https://vimeo.com/channels/staffpicks'],
    ['user page', 'https://vimeo.com/someuser'],
    ['player without a numeric id', 'https://player.vimeo.com/video/abc'],
  ])('returns undefined for a Vimeo %s', (_shape, pageUrl) => {
    expect(identifyVideo(pageUrl)).toBeUndefined();
  });

  const webShapes: [string, string, string][] = [
    ['plain page', 'https://example.com/talks/1', 'https://example.com/talks/1'],
    ['bare origin', 'https://example.com', 'https://example.com/'],
    ['utm params', 'https://example.com/v?utm_source=x&utm_medium=y', 'https://example.com/v'],
    ['uppercase utm params', 'https://example.com/v?UTM_Campaign=z', 'https://example.com/v'],
    [
      'tracking params between real ones, order kept',
      'https://example.com/v?b=2&fbclid=F&a=1&gclid=G&c=3',
      'https://example.com/v?b=2&a=1&c=3',
    ],
    [
      'every listed tracking param',
      'https://example.com/v?id=7&dclid=1&gbraid=1&wbraid=1&msclkid=1&mc_cid=1&mc_eid=1' +
        '&igshid=1&yclid=1&_ga=1&_gl=1&ref_src=1&ref_url=1&spm=1&vero_id=1&mkt_tok=1' +
        '&oly_anon_id=1&oly_enc_id=1&__s=1&ck_subscriber_id=1',
      'https://example.com/v?id=7',
    ],
    ['si kept on the open web', 'https://example.com/v?si=abc', 'https://example.com/v?si=abc'],
    [
      'encoded values kept as written',
      'https://example.com/s?q=a%20b+c',
      'https://example.com/s?q=a%20b+c',
    ],
    ['empty query pairs', 'https://example.com/v?&a=1&&utm_id=2', 'https://example.com/v?a=1'],
    ['fragment dropped', 'https://example.com/v#t=30', 'https://example.com/v'],
    ['uppercase host', 'https://Example.COM/Path/Case', 'https://example.com/Path/Case'],
    ['default https port', 'https://example.com:443/v', 'https://example.com/v'],
    ['default http port', 'http://example.com:80/v', 'http://example.com/v'],
    ['custom port kept', 'https://example.com:8443/v', 'https://example.com:8443/v'],
    ['credentials dropped', 'https://user:pass@example.com/v', 'https://example.com/v'],
    [
      'trailing index.html kept',
      'https://example.com/index.html',
      'https://example.com/index.html',
    ],
    ['surrounding whitespace', '  https://example.com/v  ', 'https://example.com/v'],
  ];

  it.each(webShapes)('keys a web %s by its cleaned URL', (_shape, pageUrl, cleanUrl) => {
    expect(identifyVideo(pageUrl)).toEqual({
      key: `url:${cleanUrl}`,
      provider: 'web',
      url: cleanUrl,
    });
  });

  it.each([
    ['a file URL', 'file:///home/me/movie.mp4'],
    ['a browser page', 'chrome://newtab/'],
    ['an extension page', 'chrome-extension://abcdef/player.html'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['a relative URL', '/watch?v=dQw4w9WgXcQ'],
    ['an empty string', ''],
    ['garbage', 'not a url'],
  ])('returns undefined for %s', (_shape, pageUrl) => {
    expect(identifyVideo(pageUrl, 'https://example.com/v.mp4')).toBeUndefined();
  });

  it('keeps a note taken on an embed for the watch page', () => {
    const embed = identifyVideo(`https://www.youtube-nocookie.com/embed/${YT}?start=10`);
    const watch = identifyVideo(`https://m.youtube.com/watch?si=x&v=${YT}&t=5`);
    expect(embed?.key).toBe(watch?.key);
  });

  it('keeps a note taken in the Vimeo player for the Vimeo page', () => {
    const player = identifyVideo(`https://player.vimeo.com/video/${VIMEO}?h=abc`);
    const page = identifyVideo(`https://vimeo.com/showcase/9/video/${VIMEO}`);
    expect(player?.key).toBe(page?.key);
  });

  it('tells http and https pages apart', () => {
    const http = identifyVideo('http://example.com/v');
    const https = identifyVideo('https://EXAMPLE.com/v');
    expect(http?.key).toBe('url:http://example.com/v');
    expect(https?.key).toBe('url:https://example.com/v');
  });

  it('appends the media source hash to a web key', () => {
    const src = 'https://cdn.example.com/talk.mp4';
    expect(identifyVideo('https://example.com/talk', src)?.key).toBe(
      `url:https://example.com/talk#${hashMediaSrc(src)}`,
    );
  });

  it('leaves the media source hash out of the web url', () => {
    expect(identifyVideo('https://example.com/talk', 'https://cdn.example.com/a.mp4')?.url).toBe(
      'https://example.com/talk',
    );
  });

  it('tells two videos on one page apart by their sources', () => {
    const first = identifyVideo('https://example.com/page', 'https://cdn.example.com/a.mp4');
    const second = identifyVideo('https://example.com/page', 'https://cdn.example.com/b.mp4');
    expect(first?.key).not.toBe(second?.key);
  });

  it('keeps the key when only the media source fragment changes', () => {
    const plain = identifyVideo('https://example.com/p', 'https://cdn.example.com/a.mp4');
    const withTime = identifyVideo('https://example.com/p', 'https://cdn.example.com/a.mp4#t=30');
    expect(withTime?.key).toBe(plain?.key);
  });

  it('keeps the key when only the page fragment or tracking params change', () => {
    const src = 'https://cdn.example.com/a.mp4';
    const plain = identifyVideo('https://example.com/p?id=1', src);
    const tracked = identifyVideo('https://example.com/p?utm_source=news&id=1#comments', src);
    expect(tracked?.key).toBe(plain?.key);
  });

  it('resolves a relative media source against the page', () => {
    expect(identifyVideo('https://example.com/p/', 'a.mp4')?.key).toBe(
      identifyVideo('https://example.com/p/', 'https://example.com/p/a.mp4')?.key,
    );
  });

  it.each([
    ['blob:', 'blob:https://example.com/2f1c6a54-4b1e-4c4a-9c9e-1b2b3c4d5e6f'],
    ['data:', 'data:video/mp4;base64,AAAA'],
    ['mediastream:', 'mediastream:8d1c3f'],
    ['uppercase BLOB:', 'BLOB:https://example.com/x'],
    ['empty', ''],
  ])('ignores a %s media source that changes on every load', (_kind, src) => {
    expect(identifyVideo('https://example.com/p', src)?.key).toBe('url:https://example.com/p');
  });

  it('ignores the media source on YouTube and Vimeo', () => {
    expect(identifyVideo(`https://youtu.be/${YT}`, 'blob:https://www.youtube.com/x')?.key).toBe(
      `yt:${YT}`,
    );
    expect(identifyVideo(VIMEO_URL, 'https://vod.vimeocdn.com/a.mp4')?.key).toBe(`vimeo:${VIMEO}`);
  });
});

describe('isYouTubeHost', () => {
  it.each([
    'youtube.com',
    'www.youtube.com',
    'm.youtube.com',
    'music.youtube.com',
    'youtube-nocookie.com',
    'www.youtube-nocookie.com',
    'youtu.be',
    'WWW.YouTube.com',
    'www.youtube.com.',
  ])('counts %s as YouTube', (host) => {
    expect(isYouTubeHost(host)).toBe(true);
  });

  it.each([
    'notyoutube.com',
    'youtube.com.evil.example',
    'youtube.co',
    'tv.youtube.com',
    'studio.youtube.com',
    'youtu.be.example',
    'example.com',
    '',
  ])('does not count %s as YouTube', (host) => {
    expect(isYouTubeHost(host)).toBe(false);
  });

  it('agrees with the video key: a YouTube host gets YouTube keys or none, no other host does', () => {
    const hosts = ['www.youtube.com', 'youtu.be', 'tv.youtube.com', 'example.com', 'm.youtube.com'];
    fc.assert(
      fc.property(
        fc.constantFrom(...hosts),
        fc.constantFrom('/watch?v=', '/embed/', '/shorts/', '/'),
        (host, path) => {
          const identity = identifyVideo(
            `https://${host}${path}${YT}`,
            'https://cdn.example/v.mp4',
          );
          expect(identity === undefined || identity.provider === 'youtube').toBe(
            isYouTubeHost(host),
          );
        },
      ),
    );
  });
});

describe('isVimeoHost', () => {
  it.each(['vimeo.com', 'www.vimeo.com', 'player.vimeo.com', 'Player.Vimeo.com.'])(
    'counts %s as Vimeo',
    (host) => {
      expect(isVimeoHost(host)).toBe(true);
    },
  );

  it.each(['notvimeo.com', 'vimeo.com.evil.example', 'vimeo.co', 'help.vimeo.com', ''])(
    'does not count %s as Vimeo',
    (host) => {
      expect(isVimeoHost(host)).toBe(false);
    },
  );
});

describe('hashMediaSrc', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(hashMediaSrc('')).toBe('811c9dc5');
    expect(hashMediaSrc('a')).toBe('e40c292c');
    expect(hashMediaSrc('foobar')).toBe('bf9cf968');
  });

  it('hashes the source without its fragment', () => {
    expect(hashMediaSrc('https://cdn.example.com/a.mp4#t=10,20')).toBe(
      hashMediaSrc('https://cdn.example.com/a.mp4'),
    );
  });

  it('hashes non-ASCII sources by their UTF-8 bytes', () => {
    // Expected values computed from the bytes C3 A9 for 'é', not from UTF-16 code units.
    expect(hashMediaSrc('é')).toBe('1e9de8c1');
    expect(hashMediaSrc('https://cdn.example.com/vidéo.mp4')).toBe('c477b4fe');
  });

  it('always returns 8 lowercase hex characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (src) => {
        expect(hashMediaSrc(src)).toMatch(/^[0-9a-f]{8}$/);
      }),
    );
  });
});

describe('timeLink', () => {
  const youTube = { key: `yt:${YT}`, url: YT_WATCH };
  const vimeo = { key: `vimeo:${VIMEO}`, url: VIMEO_URL };
  const web = { key: 'url:https://example.com/talk?id=1', url: 'https://example.com/talk?id=1' };

  it('adds a t parameter to the YouTube watch URL', () => {
    expect(timeLink(youTube, 83)).toBe(`${YT_WATCH}&t=83s`);
  });

  it('adds a t fragment to the Vimeo URL', () => {
    expect(timeLink(vimeo, 83)).toBe(`${VIMEO_URL}#t=83s`);
  });

  it('adds a media fragment to a web URL', () => {
    expect(timeLink(web, 83)).toBe('https://example.com/talk?id=1#t=83');
  });

  it('replaces an existing fragment on a web URL', () => {
    expect(timeLink({ ...web, url: 'https://example.com/talk#t=5' }, 83)).toBe(
      'https://example.com/talk#t=83',
    );
  });

  it('uses the web key with its media hash only for identity, not for the link', () => {
    const withHash = {
      key: 'url:https://example.com/talk#0badf00d',
      url: 'https://example.com/talk',
    };
    expect(timeLink(withHash, 1)).toBe('https://example.com/talk#t=1');
  });

  it('floors fractional seconds', () => {
    expect(timeLink(youTube, 83.9)).toBe(`${YT_WATCH}&t=83s`);
  });

  it.each([-5, Number.NaN, Number.NEGATIVE_INFINITY])('never links before the start (%s)', (at) => {
    expect(timeLink(web, at)).toBe('https://example.com/talk?id=1#t=0');
  });

  it('round-trips through mediaFragmentTime for web videos', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 360_000 }), (seconds) => {
        expect(mediaFragmentTime(timeLink(web, seconds))).toBe(seconds);
      }),
    );
  });

  it('round-trips through mediaFragmentTime for Vimeo videos', () => {
    expect(mediaFragmentTime(timeLink(vimeo, 4000))).toBe(4000);
  });
});

describe('mediaFragmentTime', () => {
  it.each<[string, number | undefined]>([
    ['https://example.com/v.mp4#t=83', 83],
    ['https://example.com/v.mp4#t=83s', 83],
    ['https://example.com/v.mp4#t=83.5', 83.5],
    ['https://example.com/v.mp4#t=1:23', 83],
    ['https://example.com/v.mp4#t=1:02:03', 3723],
    ['https://example.com/v.mp4#t=1m23s', 83],
    ['https://example.com/v.mp4#t=83,90', 83],
    ['https://example.com/v.mp4#t=,90', 0],
    ['https://example.com/v.mp4#t=npt:10', 10],
    ['https://example.com/v.mp4#t=1%3A23', 83],
    ['https://example.com/v.mp4#xywh=0,0,10,10&t=12', 12],
    ['https://example.com/v.mp4', undefined],
    ['https://example.com/v.mp4#', undefined],
    ['https://example.com/v.mp4#comments', undefined],
    ['https://example.com/v.mp4#start=5', undefined],
    ['https://example.com/v.mp4#t=', undefined],
    ['https://example.com/v.mp4#t=abc', undefined],
    ['https://example.com/v.mp4#t=1:75', undefined],
    ['https://example.com/v.mp4#t=-3', undefined],
    ['https://example.com/v.mp4?t=83', undefined],
  ])('reads %s as %s', (url, expected) => {
    expect(mediaFragmentTime(url)).toBe(expected);
  });
});

describe('the address kept for a video', () => {
  it.each([
    ['yt:dQw4w9WgXcQ', 'https://attacker.example/', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    [
      'yt:dQw4w9WgXcQ',
      'https://youtu.be/dQw4w9WgXcQ',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    ],
    ['vimeo:76979871', 'https://vimeo.com/1', 'https://vimeo.com/76979871'],
    [
      'url:https://films.example/rocky.html#0a1b2c3d',
      'https://films.example/rocky.html?utm_source=x',
      'https://films.example/rocky.html?utm_source=x',
    ],
    [
      'url:https://films.example/rocky.html#0a1b2c3d',
      'https://attacker.example/rocky.html',
      'https://films.example/rocky.html',
    ],
    [
      'url:https://films.example/rocky.html',
      'https://films.example/other.html',
      'https://films.example/rocky.html',
    ],
    ['yt:not-an-id', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', undefined],
    ['url:javascript:alert(1)', 'javascript:alert(1)', undefined],
  ])('for %s offered %s is %s', (key, offered, kept) => {
    expect(videoUrlFor(key, offered)).toBe(kept);
  });

  it('is an address of the key exactly when it identifies as that video', () => {
    expect(isUrlOfVideo('yt:dQw4w9WgXcQ', 'https://m.youtube.com/watch?v=dQw4w9WgXcQ')).toBe(true);
    expect(isUrlOfVideo('yt:dQw4w9WgXcQ', 'https://www.youtube.com/watch?v=aaaaaaaaaaa')).toBe(
      false,
    );
    expect(isUrlOfVideo('vimeo:76979871', 'https://player.vimeo.com/video/76979871')).toBe(true);
    expect(
      isUrlOfVideo('url:https://films.example/a#0a1b2c3d', 'https://films.example/a#t=3'),
    ).toBe(true);
    expect(isUrlOfVideo('url:https://films.example/a#0a1b2c3d', 'https://films.example/b')).toBe(
      false,
    );
  });
});
