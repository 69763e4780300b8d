// The viewer's settings, per device in storage.local, each value checked when read.
import * as v from 'valibot';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { isPlausibleTime, limits } from './records';

export const cardCorners = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export type CardCorner = (typeof cardCorners)[number];
export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

export interface Settings {
  /** Pause the video while the note editor is open. */
  pauseWhileTyping: boolean;
  /** Show trivia cards over videos. */
  showCards: boolean;
  /** Where cards stack over the picture. */
  cardCorner: CardCorner;
  /** Pause the video when a card appears during playback. */
  pauseOnCard: boolean;
  /** How long a new card lasts, in seconds. */
  defaultCardSeconds: number;
  /** Seconds the video goes back when the editor opens, to see again what prompted the note. */
  rewindSeconds: number;
  /** Show note markers on the timeline. */
  showMarkers: boolean;
  theme: Theme;
  /** Sites (host names, subdomains included) where Cuecards stays off. */
  disabledSites: string[];
}

export const defaultSettings: Settings = {
  pauseWhileTyping: true,
  showCards: true,
  cardCorner: 'top-left',
  pauseOnCard: false,
  defaultCardSeconds: 8,
  rewindSeconds: 0,
  showMarkers: true,
  theme: 'system',
  disabledSites: [],
};

// Each setting on its own: a stored value that is missing or out of range falls back to its
// default without taking the others with it (older versions stored fewer settings).
const settingSchemas = {
  pauseWhileTyping: v.boolean(),
  showCards: v.boolean(),
  cardCorner: v.picklist(cardCorners),
  pauseOnCard: v.boolean(),
  defaultCardSeconds: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600)),
  rewindSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(30)),
  showMarkers: v.boolean(),
  theme: v.picklist(themes),
  disabledSites: v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(253), v.regex(/^[a-z0-9.-]+$/))),
    v.maxLength(500),
  ),
} satisfies { [K in keyof Settings]: v.GenericSchema<unknown, Settings[K]> };

/** Whatever is stored, as whole settings: unknown keys dropped, bad values defaulted. */
export function normalizeSettings(stored: unknown): Settings {
  const record = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
    string,
    unknown
  >;
  const settings = { ...defaultSettings };
  for (const key of Object.keys(settingSchemas) as (keyof Settings)[]) {
    const parsed = v.safeParse(settingSchemas[key], record[key]);
    if (parsed.success) Object.assign(settings, { [key]: parsed.output });
  }
  return settings;
}

/** A site as the viewer types it (`https://www.Example.com/x`), as a host name, or undefined. */
export function siteOf(text: string): string | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!trimmed) return undefined;
  try {
    const host = new URL(/^[a-z]+:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
    return /^[a-z0-9.-]+$/.test(host) && host.includes('.')
      ? host.replace(/^www\./, '')
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether Cuecards stays off on this host: the site itself or any of its subdomains. */
export function isSiteDisabled(hostname: string, disabledSites: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return disabledSites.some((site) => host === site || host.endsWith(`.${site}`));
}

export const settingsItem = checkedItem(
  storage.defineItem<Settings>('local:settings', { fallback: defaultSettings }),
  normalizeSettings,
);

export async function loadSettings(): Promise<Settings> {
  return normalizeSettings(await settingsItem.getValue());
}

/** Calls `listener` with whole settings whenever they change, anywhere. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => listener(normalizeSettings(value)));
}

/**
 * A stored item whose every read goes through `check`. Chrome and Firefox let an extension
 * keep only storage.session from its content scripts; storage.local, where these live, is
 * theirs to write too, so what is read back is whatever a content script could have put.
 */
function checkedItem<T>(
  item: WxtStorageItem<T, Record<string, unknown>>,
  check: (stored: unknown) => T,
): WxtStorageItem<T, Record<string, unknown>> {
  return {
    ...item,
    getValue: async () => check(await item.getValue()),
    watch: (listener) => item.watch((value, old) => listener(check(value), check(old))),
  };
}

// Far more videos than anyone mutes; a store past it is not one this extension wrote.
const mutedVideosKept = 10_000;

/** Muted videos as stored, as a record of video keys: anything else is dropped. */
export function normalizeMutedCards(stored: unknown): Record<string, true> {
  const muted: Record<string, true> = {};
  if (typeof stored !== 'object' || stored === null) return muted;
  const keys = Object.keys(stored).filter(
    (key) =>
      (stored as Record<string, unknown>)[key] === true &&
      key.length <= limits.videoKey &&
      /^(yt|vimeo|url):\S+$/.test(key),
  );
  for (const key of keys.slice(0, mutedVideosKept)) muted[key] = true;
  return muted;
}

/** Videos whose cards the viewer muted, by video key. */
export const mutedCardsItem = checkedItem(
  storage.defineItem<Record<string, true>>('local:mutedCards', { fallback: {} }),
  normalizeMutedCards,
);

/** A stored backup time, or 0 (never) for anything but a time that has been. */
export const normalizeBackupTime = (stored: unknown): number =>
  typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 && isPlausibleTime(stored)
    ? stored
    : 0;

/** When the viewer last downloaded a backup (ms since the epoch), 0 if never. */
export const lastBackupItem = checkedItem(
  storage.defineItem<number>('local:lastBackupAt', { fallback: 0 }),
  normalizeBackupTime,
);
