// Sync's status as the popup and the library follow it, and the round they ask for on opening.
import { useEffect, useState } from 'preact/hooks';
import { sendRequest } from '@/utils/messaging/request';
import { type SyncStatus, syncStatusItem } from '@/utils/sync/status';

/**
 * The status the worker last stored, kept current. Pages show only this, never a request's
 * answer: an answer may arrive after a newer status, and would put it back.
 */
export function useSyncStatus(): SyncStatus | undefined {
  const [status, setStatus] = useState<SyncStatus>();
  useEffect(() => {
    void syncStatusItem.getValue().then(setStatus);
    return syncStatusItem.watch((next) => setStatus(next));
  }, []);
  return status;
}

/** Changes from other devices arrive when a page opens: one round, when sync is on. */
export function useSyncOnOpen(): void {
  useEffect(() => {
    void syncStatusItem.getValue().then((status) => {
      if (status.state !== 'off') void sendRequest({ type: 'sync.now' });
    });
  }, []);
}
