import { useEffect, useState } from 'preact/hooks';
import type { VideoInfo } from '@/utils/model/records';
import {
  defaultSettings,
  loadSettings,
  mutedCardsItem,
  type Settings,
  watchSettings,
} from '@/utils/model/settings';

/**
 * The viewer's settings and whether cards are muted on this video; a change made anywhere
 * (the popup, the library, another tab) applies at once.
 */
export function useSettings(identity: VideoInfo | undefined): {
  settings: Settings;
  isMuted: boolean;
  toggleMuted: () => Promise<void>;
} {
  const [settings, setSettings] = useState(defaultSettings);
  const [mutedVideos, setMutedVideos] = useState<Record<string, true>>({});

  useEffect(() => {
    void loadSettings().then(setSettings);
    void mutedCardsItem.getValue().then(setMutedVideos);
    const stopSettings = watchSettings(setSettings);
    const stopMuted = mutedCardsItem.watch((value) => setMutedVideos(value ?? {}));
    return () => {
      stopSettings();
      stopMuted();
    };
  }, []);

  async function toggleMuted() {
    if (!identity) return;
    const muted = { ...(await mutedCardsItem.getValue()) };
    if (muted[identity.key]) delete muted[identity.key];
    else muted[identity.key] = true;
    await mutedCardsItem.setValue(muted);
  }

  const isMuted = identity !== undefined && mutedVideos[identity.key] === true;
  return { settings, isMuted, toggleMuted };
}
