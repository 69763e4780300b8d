import { storage } from 'wxt/utils/storage';

export interface Settings {
  /** Pause the video while the note editor is open. */
  pauseWhileTyping: boolean;
}

export const defaultSettings: Settings = { pauseWhileTyping: true };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: defaultSettings,
});

export async function loadSettings(): Promise<Settings> {
  return { ...defaultSettings, ...(await settingsItem.getValue()) };
}
