import { i18n } from '#i18n';
import { count } from '@/utils/model/locale';
import { lastBackupItem } from '@/utils/model/settings';
import type { CuecardsDatabase } from '@/utils/store/database';
import { backupFile } from '@/utils/store/exports';
import { hasAnyNote } from '@/utils/store/library';
import { downloadFile } from '../transfer/files';
import { useLiveQuery } from '../use-live-query';
import { useStorageItem } from '../use-storage-item';

const remindAfterDays = 30;
const dayMs = 86_400_000;

/** Uninstalling the extension deletes its data: after a month without a backup, say so. */
export function BackupReminder(props: { db: CuecardsDatabase; now?: number }) {
  const lastBackupAt = useStorageItem(lastBackupItem);
  // Whether there is anything to lose.
  const hasNotes = useLiveQuery(() => hasAnyNote(props.db), []);
  const now = props.now ?? Date.now();
  if (lastBackupAt === undefined || !hasNotes) return null;
  const days = Math.floor((now - lastBackupAt) / dayMs);
  if (lastBackupAt > 0 && days < remindAfterDays) return null;
  return (
    <aside class="reminder" aria-label={i18n.t('reminder.label')}>
      <p>
        {lastBackupAt === 0 ? i18n.t('reminder.never') : count('reminder.daysOld', days)}{' '}
        {i18n.t('reminder.risk')}
      </p>
      <button
        type="button"
        onClick={() =>
          void (async () => {
            const at = new Date();
            const file = await backupFile(props.db, at);
            downloadFile(file);
            await lastBackupItem.setValue(at.getTime());
          })()
        }
      >
        {i18n.t('reminder.backUpNow')}
      </button>
    </aside>
  );
}
