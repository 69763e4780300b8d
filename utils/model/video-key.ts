// Video identity: one key per video wherever it plays, and time links back into it.
import { parseTimestamp } from '../timeline/time';
import { fnv1aOffsetBasis, fnv1aStep } from './fnv1a';

export type Provider = 'youtube' | 'vimeo' | 'web';

export interface VideoIdentity {
  /** Stable across embeds, mirrors and tracking params: `yt:ID`, `vimeo:ID` or `url:…`. */
  key: string;
  provider: Provider;
  /** Canonical URL to open the video again. */
  url: string;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^\d+$/;
// Sources that get a new URL on every page load, so hashing them would orphan the notes.
const EPHEMERAL_MEDIA_SRC = /^(?:blob|data|mediastream):/i;

const YOUTUBE_HOSTS = new Set([
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'music.youtube.com',
]);
const YOUTUBE_NOCOOKIE_HOSTS = new Set(['youtube-nocookie.com', 'www.youtube-nocookie.com']);
const YOUTUBE_SHORT_HOST = 'youtu.be';
const YOUTUBE_ID_PATH_PREFIXES = new Set(['shorts', 'live', 'embed', 'v', 'e']);
// Playlist embeds use this 11-character path segment in place of a video id.
const YOUTUBE_PLAYLIST_EMBED = 'videoseries';

const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com']);
const VIMEO_PLAYER_HOST = 'player.vimeo.com';

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'yclid',
  '_ga',
  '_gl',
  'ref_src',
  'ref_url',
  'spm',
  'vero_id',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  '__s',
  'ck_subscriber_id',
]);

function parseHttpUrl(text: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

function pathSegments(url: URL): string[] {
  return url.pathname.split('/').filter((segment) => segment !== '');
}

function withoutFragment(url: string): string {
  const hashAt = url.indexOf('#');
  return hashAt === -1 ? url : url.slice(0, hashAt);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function youTubeWatchUrl(id: string): string {
  return `https://www.youtube.com/watch?v=${id}`;
}

function vimeoUrl(id: string): string {
  return `https://vimeo.com/${id}`;
}

// A fully qualified name (`www.youtube.com.`) is the same host.
function normalHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

/**
 * Whether a page on this host is YouTube's: the one test behind `yt:` keys and the YouTube
 * player adapter, so a host never gets one without the other.
 */
export function isYouTubeHost(hostname: string): boolean {
  const host = normalHost(hostname);
  return YOUTUBE_HOSTS.has(host) || YOUTUBE_NOCOOKIE_HOSTS.has(host) || host === YOUTUBE_SHORT_HOST;
}

/** Whether a page on this host is Vimeo's: the one test behind `vimeo:` keys and its adapter. */
export function isVimeoHost(hostname: string): boolean {
  const host = normalHost(hostname);
  return VIMEO_HOSTS.has(host) || host === VIMEO_PLAYER_HOST;
}

function youTubeIdCandidate(url: URL, host: string): string | undefined {
  const [first, second] = pathSegments(url);
  if (host === YOUTUBE_SHORT_HOST) return first;
  if (YOUTUBE_NOCOOKIE_HOSTS.has(host)) return first === 'embed' ? second : undefined;
  if (first === 'watch') return url.searchParams.get('v') ?? undefined;
  if (first !== undefined && YOUTUBE_ID_PATH_PREFIXES.has(first)) return second;
  return undefined;
}

function youTubeId(url: URL, host: string): string | undefined {
  const candidate = youTubeIdCandidate(url, host);
  if (candidate === undefined || candidate === YOUTUBE_PLAYLIST_EMBED) return undefined;
  return YOUTUBE_ID.test(candidate) ? candidate : undefined;
}

function vimeoIdCandidate(url: URL, host: string): string | undefined {
  const [first, second, third, fourth] = pathSegments(url);
  if (host === VIMEO_PLAYER_HOST) return first === 'video' ? second : undefined;
  // `/ID` and unlisted `/ID/hash` both start with the numeric id.
  if (first !== undefined && VIMEO_ID.test(first)) return first;
  if (first === 'channels') return third;
  if (first === 'groups' && third === 'videos') return fourth;
  if ((first === 'showcase' || first === 'album') && third === 'video') return fourth;
  return undefined;
}

function vimeoId(url: URL, host: string): string | undefined {
  const candidate = vimeoIdCandidate(url, host);
  return candidate !== undefined && VIMEO_ID.test(candidate) ? candidate : undefined;
}

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

// Works on the raw query so kept params stay byte-for-byte as the site wrote them.
function stripTrackingParams(search: string): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(safeDecode(pair.split('=')[0] ?? '')));
  return kept.length > 0 ? `?${kept.join('&')}` : '';
}

function resolveMediaSrc(src: string, page: URL): string {
  try {
    return new URL(src, page).href;
  } catch {
    return src;
  }
}

function webIdentity(page: URL, mediaSrc: string | undefined): VideoIdentity {
  const url = `${page.origin}${page.pathname}${stripTrackingParams(page.search)}`;
  const src = mediaSrc?.trim();
  const mediaHash =
    src && !EPHEMERAL_MEDIA_SRC.test(src) ? hashMediaSrc(resolveMediaSrc(src, page)) : undefined;
  return { key: mediaHash ? `url:${url}#${mediaHash}` : `url:${url}`, provider: 'web', url };
}

/**
 * One key per video wherever it plays: YouTube and Vimeo by video id (embeds, shorts, mobile and
 * share links included), any other page by its URL without tracking params, plus a hash of the
 * media source so two videos on one page stay apart. Undefined for non-http(s) URLs and for
 * YouTube or Vimeo pages that are not a single video.
 */
export function identifyVideo(pageUrl: string, mediaSrc?: string): VideoIdentity | undefined {
  const page = parseHttpUrl(pageUrl);
  if (!page) return undefined;
  const host = normalHost(page.hostname);

  if (isYouTubeHost(host)) {
    const id = youTubeId(page, host);
    return id ? { key: `yt:${id}`, provider: 'youtube', url: youTubeWatchUrl(id) } : undefined;
  }
  if (isVimeoHost(host)) {
    const id = vimeoId(page, host);
    return id ? { key: `vimeo:${id}`, provider: 'vimeo', url: vimeoUrl(id) } : undefined;
  }
  return webIdentity(page, mediaSrc);
}

/** FNV-1a 32-bit over the UTF-8 bytes of `src` without its fragment, as 8 lowercase hex chars. */
export function hashMediaSrc(src: string): string {
  let hash = fnv1aOffsetBasis;
  for (const byte of new TextEncoder().encode(withoutFragment(src))) hash = fnv1aStep(hash, byte);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The address part of a `url:` key (what comes before the media hash), or undefined. */
function webKeyAddress(key: string): string | undefined {
  if (!key.startsWith('url:')) return undefined;
  const address = withoutFragment(key.slice(4));
  return parseHttpUrl(address) ? address : undefined;
}

/** Whether `url` opens the video of `key`: the key it would get (for a `url:` key, its address). */
export function isUrlOfVideo(key: string, url: string): boolean {
  const identity = identifyVideo(url);
  if (!identity) return false;
  if (key.startsWith('url:'))
    return identity.provider === 'web' && identity.url === webKeyAddress(key);
  return identity.key === key;
}

/**
 * The address to keep for a video whose address came from outside (a page, a deck, a share
 * link, a backup): YouTube and Vimeo always get their canonical address; any other video keeps
 * `url` only when it is an address of that video, else the address its key was made from. So
 * nothing but the key decides where a stored video's links go.
 */
export function videoUrlFor(key: string, url: string | undefined): string | undefined {
  const [provider, id = ''] = key.split(/:(.*)/s);
  if (provider === 'yt') return YOUTUBE_ID.test(id) ? youTubeWatchUrl(id) : undefined;
  if (provider === 'vimeo') return VIMEO_ID.test(id) ? vimeoUrl(id) : undefined;
  if (url !== undefined && isUrlOfVideo(key, url)) return url;
  return webKeyAddress(key);
}

/** A link that opens the video at `seconds` (floored, never negative). */
export function timeLink(video: { key: string; url: string }, seconds: number): string {
  const at = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  if (video.key.startsWith('yt:')) return `${youTubeWatchUrl(video.key.slice(3))}&t=${at}s`;
  if (video.key.startsWith('vimeo:')) return `${vimeoUrl(video.key.slice(6))}#t=${at}s`;
  return `${withoutFragment(video.url)}#t=${at}`;
}

/**
 * Start time from a media fragment such as `#t=83`, `#t=1:23`, `#t=1m23s` or `#t=83,90`.
 * Per the Media Fragments spec an empty start (`#t=,90`) means 0.
 */
export function mediaFragmentTime(url: string): number | undefined {
  const hashAt = url.indexOf('#');
  if (hashAt === -1) return undefined;
  const tPair = url
    .slice(hashAt + 1)
    .split('&')
    .find((pair) => pair.startsWith('t='));
  if (tPair === undefined) return undefined;

  const value = safeDecode(tPair.slice(2)).replace(/^npt:/, '');
  const [start = ''] = value.split(',');
  if (start === '') return value.includes(',') ? 0 : undefined;
  return parseTimestamp(start);
}
