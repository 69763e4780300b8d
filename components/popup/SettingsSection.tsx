import { useEffect, useState } from 'preact/hooks';
import {
  type CardCorner,
  defaultSettings,
  loadSettings,
  type Settings,
  settingsItem,
} from '@/utils/settings';

const corners: Record<CardCorner, string> = {
  'top-left': 'Top left',
  'top-right': 'Top right',
  'bottom-left': 'Bottom left',
  'bottom-right': 'Bottom right',
};

/** The settings that shape the overlay; open tabs apply a change at once. */
export function SettingsSection() {
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  useEffect(() => {
    void loadSettings().then(setSettings);
  }, []);

  async function change(patch: Partial<Settings>) {
    const next = { ...settings, ...patch };
    setSettings(next);
    await settingsItem.setValue(next);
  }

  const toggle = (key: 'pauseWhileTyping' | 'showCards' | 'pauseOnCard', label: string) => (
    <label class="setting">
      <input
        type="checkbox"
        checked={settings[key]}
        onChange={(event) => void change({ [key]: event.currentTarget.checked })}
      />
      {label}
    </label>
  );

  return (
    <details class="settings">
      <summary>Settings</summary>
      {toggle('pauseWhileTyping', 'Pause the video while I type')}
      {toggle('showCards', 'Show trivia cards')}
      {toggle('pauseOnCard', 'Pause the video when a card appears')}
      <label class="setting">
        Cards sit in the
        <select
          value={settings.cardCorner}
          onChange={(event) => void change({ cardCorner: event.currentTarget.value as CardCorner })}
        >
          {Object.entries(corners).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        corner
      </label>
      <label class="setting">
        New cards last
        <input
          type="number"
          min={1}
          max={600}
          value={settings.defaultCardSeconds}
          onChange={(event) => {
            const seconds = Math.round(Number(event.currentTarget.value));
            if (seconds >= 1 && seconds <= 600) void change({ defaultCardSeconds: seconds });
          }}
        />
        seconds
      </label>
    </details>
  );
}
