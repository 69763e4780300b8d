// The store's news of writes made in any tab or the worker.
import { Dexie } from 'dexie';

/**
 * Calls `listener` after every committed write to the database, from this context or any
 * other (Dexie broadcasts to the extension's other pages); returns its removal.
 */
export function onAnyWrite(listener: () => void): () => void {
  Dexie.on('storagemutated', listener);
  return () => Dexie.on('storagemutated').unsubscribe(listener);
}
