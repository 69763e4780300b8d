import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

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
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <table class="shortcuts">
        <tbody>
          {shortcuts?.map((shortcut) => (
            <tr key={shortcut.name}>
              <td>
                {shortcut.keys ? <kbd>{shortcut.keys}</kbd> : <span class="muted">Not set</span>}
              </td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">
        On a page with a video, Alt+Shift+N and Alt+Shift+C also work when the browser's own
        shortcut is set to something else.
      </p>
      <button type="button" onClick={() => void openShortcutSettings()}>
        Change shortcuts in the browser
      </button>
    </section>
  );
}
