/**
 * The journal: which records changed, written by the database itself in the same transaction
 * as every write to notes, cards, decks and videos, whatever path made it (overlay, popup,
 * library, import, restore, undo, merge of two videos). Sync reads it to learn what to send;
 * a transaction that leaves the journal out of its scope is refused, so no path can forget.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Dexie, Transaction } from 'dexie';

/** The tables whose records travel between devices; settings stay per device. */
export const syncedTables = ['notes', 'cards', 'decks', 'videos'] as const;
export type SyncedTable = (typeof syncedTables)[number];

export interface JournalEntry {
  seq?: number;
  /** `<table>:<primary key>` of every record one write touched. */
  keys: string[];
}

export const recordKey = (table: SyncedTable, id: string) => `${table}:${id}`;

export function splitRecordKey(key: string): { table: SyncedTable; id: string } | undefined {
  const colon = key.indexOf(':');
  const table = key.slice(0, colon) as SyncedTable;
  return syncedTables.includes(table) ? { table, id: key.slice(colon + 1) } : undefined;
}

// Transactions that write what another device sent: recording those would send them back.
const unjournaled = new WeakSet<object>();

/** Marks the current transaction as applying changes from other devices. */
export function leaveOutOfJournal(transaction: Transaction): void {
  unjournaled.add(transaction.idbtrans);
}

function keysWritten(table: DBCoreTable, request: DBCoreMutateRequest): unknown[] {
  if (request.type === 'delete') return request.keys;
  if (request.type === 'deleteRange') {
    throw new Error(`A range delete on ${table.name} cannot be journaled`);
  }
  const { extractKey } = table.schema.primaryKey;
  if (request.keys) return request.keys;
  if (!extractKey) throw new Error(`${table.name} has no inline key`);
  return request.values.map((value) => extractKey(value));
}

export function journalWrites(db: Dexie): void {
  db.use({
    stack: 'dbcore',
    name: 'journal',
    create(down: DBCore): DBCore {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          if (!(syncedTables as readonly string[]).includes(name)) return table;
          return {
            ...table,
            mutate(request) {
              if (unjournaled.has(request.trans)) return table.mutate(request);
              const scope = (request.trans as unknown as IDBTransaction).objectStoreNames;
              if (!scope?.contains('journal')) {
                return Promise.reject(new Error(`A write to ${name} outside the journal`));
              }
              const keys = keysWritten(table, request).map((key) => `${name}:${String(key)}`);
              if (keys.length === 0) return table.mutate(request);
              const entry: JournalEntry = { keys };
              return Promise.all([
                down
                  .table('journal')
                  .mutate({ type: 'add', trans: request.trans, values: [entry] }),
                table.mutate(request),
              ]).then(([, response]) => response);
            },
          };
        },
      };
    },
  });
}
