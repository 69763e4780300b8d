// Sync's status as the popup and the library follow it, and the round they ask for on opening.
import { useEffect, useState } from 'preact/hooks';
import { sendRequest } from '@/utils/messaging/request';
import { type SyncStatus, syncStatusItem } from '@/utils/sync/status';

/**
 * The status the worker last stored, kept current; the second value takes a status a request
 * answered with, which may come before the stored change does.
 */
export function useSyncStatus(): [SyncStatus | undefined, (status: SyncStatus) => void] {
  const [status, setStatus] = useState<SyncStatus>();
  useEffect(() => {
    void syncStatusItem.getValue().then(setStatus);
    return syncStatusItem.watch((next) => setStatus(next));
  }, []);
  return [status, setStatus];
}

/** Changes from other devices arrive when a page opens: one round, when sync is on. */
export function useSyncOnOpen(): void {
  useEffect(() => {
    void syncStatusItem.getValue().then((status) => {
      if (status.state !== 'off') void sendRequest({ type: 'sync.now' });
    });
  }, []);
}
