import { storage } from 'wxt/utils/storage';

export type CardCorner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

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
}

export const defaultSettings: Settings = {
  pauseWhileTyping: true,
  showCards: true,
  cardCorner: 'top-left',
  pauseOnCard: false,
  defaultCardSeconds: 8,
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: defaultSettings,
});

export async function loadSettings(): Promise<Settings> {
  return { ...defaultSettings, ...(await settingsItem.getValue()) };
}

/** Videos whose cards the viewer muted, by video key. */
export const mutedCardsItem = storage.defineItem<Record<string, true>>('local:mutedCards', {
  fallback: {},
});

/** When the viewer last downloaded a backup (ms since the epoch), 0 if never. */
export const lastBackupItem = storage.defineItem<number>('local:lastBackupAt', { fallback: 0 });
