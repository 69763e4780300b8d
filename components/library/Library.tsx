import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { CuecardsDatabase } from '@/utils/store/database';
import { SettingsForm } from '../settings/SettingsForm';
import { Toast, useToast } from '../toast';
import { useTheme } from '../use-theme';
import { BackupReminder } from './BackupReminder';
import { SearchSection } from './SearchSection';
import { Shortcuts } from './Shortcuts';
import { TransferSection } from './TransferSection';

const sections = ['videos', 'settings', 'transfer'] as const;
type Section = (typeof sections)[number];

const sectionTitle = (section: Section) =>
  section === 'videos'
    ? i18n.t('library.videosSection')
    : section === 'settings'
      ? i18n.t('common.settings')
      : i18n.t('library.transferSection');

const sectionOf = (hash: string): Section =>
  sections.find((name) => hash === `#${name}`) ?? 'videos';

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
        <h1>{i18n.t('library.title')}</h1>
        <nav aria-label={i18n.t('library.nav')}>
          <ul>
            {sections.map((name) => (
              <li key={name}>
                <a href={`#${name}`} aria-current={section === name ? 'page' : undefined}>
                  {sectionTitle(name)}
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
              <h2 id="settings-heading">{i18n.t('common.settings')}</h2>
              <p class="muted">{i18n.t('library.settingsNote')}</p>
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
