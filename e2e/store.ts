import type { Page } from 'playwright-core';

/** Row counts of every table, read straight from IndexedDB on an extension page. */
export function tableCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const request = indexedDB.open('cuecards');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const names = ['videos', 'notes', 'cards', 'decks'];
      const tx = db.transaction(names, 'readonly');
      const counts = {};
      for (const name of names) {
        const count = tx.objectStore(name).count();
        count.onsuccess = () => { counts[name] = count.result; };
      }
      tx.oncomplete = () => { db.close(); resolve(counts); };
    };
  })`);
}

/** Empties every table, as a new browser profile would have them. */
export function wipe(page: Page): Promise<void> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const request = indexedDB.open('cuecards');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const names = ['videos', 'notes', 'cards', 'decks'];
      const tx = db.transaction(names, 'readwrite');
      for (const name of names) tx.objectStore(name).clear();
      tx.oncomplete = () => { db.close(); resolve(undefined); };
    };
  })`);
}
