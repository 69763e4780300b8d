import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';

interface Shortcut {
  name: string;
  description: string;
  keys: string;
}

/** The keyboard shortcuts as the browser has them now, and the way to change them. */
export function Shortcuts() {
  const [shortcuts, setShortcuts] = useState<Shortcut[]>();
  useEffect(() => {
    void browser.commands.getAll().then((commands) =>
      setShortcuts(
        commands
          .filter((command) => command.name && command.description)
          .map((command) => ({
            name: command.name!,
            description: command.description!,
            keys: command.shortcut ?? '',
          })),
      ),
    );
  }, []);

  async function openShortcutSettings() {
    // Firefox has an API for its page; Chromium-based browsers have a page of their own.
    const commands = browser.commands as typeof browser.commands & {
      openShortcutSettings?: () => Promise<void>;
    };
    if (commands.openShortcutSettings) await commands.openShortcutSettings();
    else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
  }

  return (
    <section aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{i18n.t('shortcuts.heading')}</h2>
      <table class="shortcuts">
        <tbody>
          {shortcuts?.map((shortcut) => (
            <tr key={shortcut.name}>
              <td>
                {shortcut.keys ? (
                  <kbd>{shortcut.keys}</kbd>
                ) : (
                  <span class="muted">{i18n.t('shortcuts.notSet')}</span>
                )}
              </td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{i18n.t('shortcuts.fallback')}</p>
      <button type="button" onClick={() => void openShortcutSettings()}>
        {i18n.t('shortcuts.change')}
      </button>
    </section>
  );
}
