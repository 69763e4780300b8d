import { backupFile } from '@/utils/exports';
import { lastBackupItem } from '@/utils/settings';
import type { CuecardsDatabase } from '@/utils/store';
import { downloadFile } from '../transfer/files';
import { useLiveQuery } from '../use-live-query';
import { useStorageItem } from '../use-storage-item';

const remindAfterDays = 30;
const dayMs = 86_400_000;

/** Uninstalling the extension deletes its data: after a month without a backup, say so. */
export function BackupReminder(props: { db: CuecardsDatabase; now?: number }) {
  const lastBackupAt = useStorageItem(lastBackupItem);
  const noteCount = useLiveQuery(() => props.db.notes.count(), []);
  const now = props.now ?? Date.now();
  if (lastBackupAt === undefined || !noteCount) return null;
  const days = Math.floor((now - lastBackupAt) / dayMs);
  if (lastBackupAt > 0 && days < remindAfterDays) return null;
  return (
    <aside class="reminder" aria-label="Backup reminder">
      <p>
        {lastBackupAt === 0
          ? 'Your notes have never been backed up.'
          : `Your last backup is ${days} days old.`}{' '}
        Uninstalling Cuecards, or clearing the browser's data, deletes them.
      </p>
      <button
        type="button"
        onClick={() =>
          void (async () => {
            const at = new Date();
            const file = await backupFile(props.db, at);
            downloadFile(file.name, file.data, file.type);
            await lastBackupItem.setValue(at.getTime());
          })()
        }
      >
        Back up now
      </button>
    </aside>
  );
}
