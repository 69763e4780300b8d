/**
 * What the viewer is told of sync: off, or connected to a server with when it last synced,
 * how many changes wait to be sent, and the last problem and when it is tried again. The
 * worker alone writes it, to storage.local, so the popup and the library follow it live.
 */
import { storage } from 'wxt/utils/storage';
import type { ConnectProblem } from './account';

/** Every problem the viewer can be told of, in plain words (`sync.problem.<name>`). */
export type SyncProblem =
  | ConnectProblem
  // A file on the server that was altered, moved, or cannot be read: reported, never merged.
  | 'altered-file'
  | 'unreadable-file'
  // A device wrote a file in a format this version of Cuecards does not know yet.
  | 'newer-file';

export type SyncStatus =
  | { state: 'off' }
  | {
      state: 'idle' | 'syncing';
      address: string;
      user: string;
      /** When the last round with the server completed (ms since the epoch); 0 if none yet. */
      syncedAt: number;
      /** Local changes not yet on the server. */
      waiting: number;
      /** The last round's problem, and when it is tried again by itself (0: only by the viewer). */
      error?: { problem: SyncProblem; at: number; retryAt: number };
    };

export const syncStatusItem = storage.defineItem<SyncStatus>('local:syncStatus', {
  fallback: { state: 'off' },
});

/** The connect form's fields; the password and passphrase stay on this device. */
export interface SyncConnection {
  address: string;
  user: string;
  password: string;
  passphrase: string;
}
