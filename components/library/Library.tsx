import { useEffect, useState } from 'preact/hooks';
import type { CuecardsDatabase } from '@/utils/store';
import { SettingsForm } from '../settings/SettingsForm';
import { Toast, useToast } from '../toast';
import { useTheme } from '../use-theme';
import { BackupReminder } from './BackupReminder';
import { SearchSection } from './SearchSection';
import { Shortcuts } from './Shortcuts';
import { TransferSection } from './TransferSection';

const sections = {
  videos: 'Videos and search',
  settings: 'Settings',
  transfer: 'Export, backup and import',
} as const;
type Section = keyof typeof sections;

const sectionOf = (hash: string): Section =>
  (Object.keys(sections) as Section[]).find((name) => hash === `#${name}`) ?? 'videos';

/** The full-tab page: every video and note, search, settings, and the way in and out. */
export function Library(props: { db: CuecardsDatabase }) {
  useTheme();
  const [section, setSection] = useState(() => sectionOf(location.hash));
  const [toast, setToast] = useToast();

  useEffect(() => {
    const follow = () => setSection(sectionOf(location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  return (
    <div class="library">
      <header class="library-header">
        <h1>Cuecards library</h1>
        <nav aria-label="Library">
          <ul>
            {(Object.entries(sections) as [Section, string][]).map(([name, label]) => (
              <li key={name}>
                <a href={`#${name}`} aria-current={section === name ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <BackupReminder db={props.db} />
      <main>
        {section === 'videos' && <SearchSection db={props.db} onToast={setToast} />}
        {section === 'settings' && (
          <>
            <section aria-labelledby="settings-heading">
              <h2 id="settings-heading">Settings</h2>
              <p class="muted">Changes apply at once in every open tab.</p>
              <SettingsForm withSites />
            </section>
            <Shortcuts />
          </>
        )}
        {section === 'transfer' && <TransferSection db={props.db} />}
      </main>
      <Toast toast={toast} />
    </div>
  );
}
