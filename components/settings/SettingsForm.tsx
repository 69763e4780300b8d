import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
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
} from '@/utils/model/settings';

const cornerName = (corner: CardCorner) =>
  corner === 'top-left'
    ? i18n.t('settings.topLeft')
    : corner === 'top-right'
      ? i18n.t('settings.topRight')
      : corner === 'bottom-left'
        ? i18n.t('settings.bottomLeft')
        : i18n.t('settings.bottomRight');

const themeName = (theme: Theme) =>
  theme === 'system'
    ? i18n.t('settings.system')
    : theme === 'light'
      ? i18n.t('settings.light')
      : i18n.t('settings.dark');

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
      {toggle('pauseWhileTyping', i18n.t('settings.pauseWhileTyping'))}
      <div class="setting">
        <label for="rewindSeconds">{i18n.t('settings.rewind')}</label>
        {seconds('rewindSeconds', 0, 30)} {i18n.t('settings.seconds')}
      </div>
      {toggle('showMarkers', i18n.t('settings.showMarkers'))}
      {toggle('showCards', i18n.t('settings.showCards'))}
      {toggle('pauseOnCard', i18n.t('settings.pauseOnCard'))}
      <label class="setting">
        {i18n.t('settings.cornerBefore')}
        <select
          value={settings.cardCorner}
          onChange={(event) => void change({ cardCorner: event.currentTarget.value as CardCorner })}
        >
          {cardCorners.map((corner) => (
            <option key={corner} value={corner}>
              {cornerName(corner)}
            </option>
          ))}
        </select>
        {i18n.t('settings.cornerAfter')}
      </label>
      <div class="setting">
        <label for="defaultCardSeconds">{i18n.t('settings.cardLength')}</label>
        {seconds('defaultCardSeconds', 1, 600)} {i18n.t('settings.seconds')}
      </div>
      <label class="setting">
        {i18n.t('settings.theme')}
        <select
          value={settings.theme}
          onChange={(event) => void change({ theme: event.currentTarget.value as Theme })}
        >
          {themes.map((theme) => (
            <option key={theme} value={theme}>
              {themeName(theme)}
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
      <legend>{i18n.t('settings.sitesOff')}</legend>
      {props.sites.length === 0 ? (
        <p class="muted">{i18n.t('settings.noSitesOff')}</p>
      ) : (
        <ul>
          {props.sites.map((site) => (
            <li key={site}>
              {site}{' '}
              <button
                type="button"
                aria-label={i18n.t('settings.turnBackOn', [site])}
                onClick={() => props.onChange(props.sites.filter((other) => other !== site))}
              >
                {i18n.t('settings.remove')}
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
          if (!site) return setProblem(i18n.t('settings.typeSite'));
          if (!props.sites.includes(site)) props.onChange([...props.sites, site].sort());
          setText('');
        }}
      >
        <label>
          {i18n.t('settings.site')}
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
        <button type="submit">{i18n.t('settings.turnOff')}</button>
        <p id="site-problem" class="problem" role="alert">
          {problem}
        </p>
      </form>
    </fieldset>
  );
}
