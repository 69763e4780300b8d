import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { CuecardsDatabase } from '@/utils/store/database';
import { SettingsForm } from '../settings/SettingsForm';
import { useSyncOnOpen } from '../sync/use-sync-status';
import { Toast, useToast } from '../toast';
import { useTheme } from '../use-theme';
import { BackupReminder } from './BackupReminder';
import { SearchSection } from './SearchSection';
import { Shortcuts } from './Shortcuts';
import { SyncSection } from './SyncSection';
import { TransferSection } from './TransferSection';

const sections = ['videos', 'settings', 'transfer', 'sync'] as const;
type Section = (typeof sections)[number];

const sectionTitles: Record<Section, () => string> = {
  videos: () => i18n.t('library.videosSection'),
  settings: () => i18n.t('common.settings'),
  transfer: () => i18n.t('library.transferSection'),
  sync: () => i18n.t('sync.heading'),
};

const sectionOf = (hash: string): Section =>
  sections.find((name) => hash === `#${name}`) ?? 'videos';

/** The full-tab page: every video and note, search, settings, the way in and out, and sync. */
export function Library(props: { db: CuecardsDatabase }) {
  useTheme();
  const [section, setSection] = useState(() => sectionOf(location.hash));
  const [toast, setToast] = useToast();
  useSyncOnOpen();

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
                  {sectionTitles[name]()}
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
        {section === 'sync' && <SyncSection />}
      </main>
      <Toast toast={toast} />
    </div>
  );
}
