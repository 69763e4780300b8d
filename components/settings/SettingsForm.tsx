import { useEffect, useState } from 'preact/hooks';
import {
  type CardCorner,
  cardCorners,
  defaultSettings,
  loadSettings,
  type Settings,
  settingsItem,
  siteOf,
  type Theme,
  themes,
  watchSettings,
} from '@/utils/settings';

const cornerNames: Record<CardCorner, string> = {
  'top-left': 'Top left',
  'top-right': 'Top right',
  'bottom-left': 'Bottom left',
  'bottom-right': 'Bottom right',
};
const themeNames: Record<Theme, string> = {
  system: 'Follow the system',
  light: 'Light',
  dark: 'Dark',
};

type Toggle = 'pauseWhileTyping' | 'showCards' | 'pauseOnCard' | 'showMarkers';

/** The settings, stored once and applied at once in every open tab and page. */
export function SettingsForm(props: { withSites?: boolean }) {
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  useEffect(() => {
    void loadSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);

  async function change(patch: Partial<Settings>) {
    const next = { ...settings, ...patch };
    setSettings(next);
    await settingsItem.setValue(next);
  }

  const toggle = (key: Toggle, label: string) => (
    <label class="setting">
      <input
        type="checkbox"
        checked={settings[key]}
        onChange={(event) => void change({ [key]: event.currentTarget.checked })}
      />
      {label}
    </label>
  );
  const seconds = (key: 'defaultCardSeconds' | 'rewindSeconds', min: number, max: number) => (
    <input
      id={key}
      type="number"
      min={min}
      max={max}
      value={settings[key]}
      onChange={(event) => {
        const value = Math.round(Number(event.currentTarget.value));
        if (value >= min && value <= max) void change({ [key]: value });
      }}
    />
  );

  return (
    <div class="settings-form">
      {toggle('pauseWhileTyping', 'Pause the video while I type')}
      <div class="setting">
        <label for="rewindSeconds">When the editor opens, go back</label>
        {seconds('rewindSeconds', 0, 30)} seconds
      </div>
      {toggle('showMarkers', 'Show note markers on the timeline')}
      {toggle('showCards', 'Show trivia cards')}
      {toggle('pauseOnCard', 'Pause the video when a card appears')}
      <label class="setting">
        Cards sit in the
        <select
          value={settings.cardCorner}
          onChange={(event) => void change({ cardCorner: event.currentTarget.value as CardCorner })}
        >
          {cardCorners.map((corner) => (
            <option key={corner} value={corner}>
              {cornerNames[corner]}
            </option>
          ))}
        </select>
        corner
      </label>
      <div class="setting">
        <label for="defaultCardSeconds">New cards last</label>
        {seconds('defaultCardSeconds', 1, 600)} seconds
      </div>
      <label class="setting">
        Theme
        <select
          value={settings.theme}
          onChange={(event) => void change({ theme: event.currentTarget.value as Theme })}
        >
          {themes.map((theme) => (
            <option key={theme} value={theme}>
              {themeNames[theme]}
            </option>
          ))}
        </select>
      </label>
      {props.withSites && (
        <DisabledSites
          sites={settings.disabledSites}
          onChange={(disabledSites) => void change({ disabledSites })}
        />
      )}
    </div>
  );
}

function DisabledSites(props: { sites: string[]; onChange: (sites: string[]) => void }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  return (
    <fieldset class="sites">
      <legend>Sites where Cuecards stays off</legend>
      {props.sites.length === 0 ? (
        <p class="muted">None: Cuecards works on every site.</p>
      ) : (
        <ul>
          {props.sites.map((site) => (
            <li key={site}>
              {site}{' '}
              <button
                type="button"
                aria-label={`Turn Cuecards back on for ${site}`}
                onClick={() => props.onChange(props.sites.filter((other) => other !== site))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="site-form"
        onSubmit={(event) => {
          event.preventDefault();
          const site = siteOf(text);
          if (!site) return setProblem('Type a site such as example.com.');
          if (!props.sites.includes(site)) props.onChange([...props.sites, site].sort());
          setText('');
        }}
      >
        <label>
          Site
          <input
            value={text}
            placeholder="example.com"
            aria-describedby="site-problem"
            onInput={(event) => {
              setText(event.currentTarget.value);
              setProblem(undefined);
            }}
          />
        </label>
        <button type="submit">Turn off here</button>
        <p id="site-problem" class="problem" role="alert">
          {problem}
        </p>
      </form>
    </fieldset>
  );
}
