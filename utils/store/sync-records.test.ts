import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../model/ids';
import type { NoteRecord } from '../model/records';
import { createClock, formatStamp } from '../sync/hlc';
import { parseSnapshot, snapshotFile, snapshotJsonParts } from '../sync/wire';
import { restoreEverything } from './bulk';
import { openDatabase, putNote } from './database';
import {
  applyVersions,
  everyVersion,
  sealLocalChanges,
  versionEverything,
  type WireVersion,
} from './sync-records';

const video = {
  key: 'yt:aaaaaaaaaaa',
  provider: 'youtube' as const,
  title: 'Training montage',
  url: 'https://www.youtube.com/watch?v=aaaaaaaaaaa',
};
const noteId = '0190a000-0000-7000-8000-000000000001';
const at = Date.now();

const noteOf = (text: string, updatedAt: number, deleted = false): NoteRecord => ({
  id: noteId,
  videoKey: video.key,
  t: 12,
  text,
  createdAt: at,
  updatedAt,
  tags: [],
  deleted,
});

const versionOf = (wall: number, seen: Record<string, number>, note: NoteRecord): WireVersion => ({
  table: 'notes',
  id: noteId,
  stamp: formatStamp({ wall, counter: 0, device: 'laptop' }),
  seen,
  deleted: note.deleted,
  data: note,
});

let databases = 0;

describe('merging versions from other devices', () => {
  it('shows the surviving edit when the version it lost to is deleted', async () => {
    databases++;
    const db = openDatabase(`sync-records-test-${databases}`);
    await putNote(db, noteOf('Filmed in Canada', at), video);
    await sealLocalChanges(db, 'desktop', createClock('desktop', { wallClock: () => at }));

    // The laptop's concurrent edit wins (a later stamp); the desktop's is kept as a copy.
    await applyVersions(
      db,
      [versionOf(at + 1_000, { laptop: 1 }, noteOf('Filmed in Wyoming', at + 1_000))],
      {},
    );
    expect((await db.notes.get(noteId))?.text).toBe('Filmed in Wyoming');

    // The laptop then deletes its version: the desktop's edit, which it never saw, survives.
    await applyVersions(
      db,
      [versionOf(at + 2_000, { laptop: 2 }, noteOf('Filmed in Wyoming', at + 2_000, true))],
      {},
    );
    const note = await db.notes.get(noteId);
    expect(note?.text).toBe('Filmed in Canada');
    expect(note?.deleted).toBe(false);
    db.close();
  });

  it('keeps a note deleted on both sides deleted, and its snapshot readable', async () => {
    databases++;
    const db = openDatabase(`sync-records-test-${databases}`);
    // Restored from a backup in which the note was deleted; this device's clock is ahead.
    await restoreEverything(db, {
      videos: [{ ...video, lastSeenAt: at }],
      notes: [noteOf('Filmed in Canada', at, true)],
      cards: [],
      decks: [],
    });
    await sealLocalChanges(db, 'desktop', createClock('desktop', { wallClock: () => at + 60_000 }));

    // The laptop's live version wins over the delete it never saw, then the laptop deletes it too.
    await applyVersions(
      db,
      [versionOf(at + 1_000, { laptop: 1 }, noteOf('Filmed in Canada', at))],
      {},
    );
    expect((await db.notes.get(noteId))?.deleted).toBe(false);
    await applyVersions(
      db,
      [versionOf(at + 2_000, { laptop: 2 }, noteOf('Filmed in Canada', at + 2_000, true))],
      {},
    );

    expect((await db.notes.get(noteId))?.deleted).toBe(true);
    const sent = (await everyVersion(db)).find((version) => version.id === noteId)!;
    expect(sent.deleted).toBe(true);
    expect(
      parseSnapshot(snapshotFile('desktop', 0, {}, await everyVersion(db)), {
        device: 'desktop',
        sequence: 0,
      }).ok,
    ).toBe(true);
    db.close();
  });

  it('puts a video delete that lost to a live edit in the snapshot, for other devices to merge', async () => {
    databases++;
    const db = openDatabase(`sync-records-test-${databases}`);
    const clock = createClock('desktop', { wallClock: () => at });
    await putNote(db, noteOf('Filmed in Canada', at), video);
    await sealLocalChanges(db, 'desktop', clock);
    // Merged into another video here, the video is gone: a delete that has seen the first.
    await db.transaction('rw', db.journal, db.videos, () => db.videos.delete(video.key));
    await sealLocalChanges(db, 'desktop', clock);
    // The laptop had seen the video on its own and played it again: its version is live.
    await applyVersions(
      db,
      [
        {
          table: 'videos',
          id: video.key,
          stamp: formatStamp({ wall: at + 1_000, counter: 0, device: 'laptop' }),
          seen: { laptop: 1 },
          deleted: false,
          data: { ...video, lastSeenAt: at + 1_000 },
        },
      ],
      {},
    );
    expect((await db.videos.get(video.key))?.lastSeenAt).toBe(at + 1_000);

    // A device that reads the snapshot learns of the delete too, or its heads would differ.
    const sent = (await everyVersion(db)).filter((version) => version.table === 'videos');
    expect(sent.map(({ deleted, data, seen }) => ({ deleted, data, seen }))).toEqual([
      { deleted: true, data: null, seen: { desktop: 2 } },
      { deleted: false, data: { ...video, lastSeenAt: at + 1_000 }, seen: { laptop: 1 } },
    ]);
    db.close();
  });

  it('keeps a copy of an edit that another device made the same, when a third edit wins', async () => {
    databases++;
    const db = openDatabase(`sync-records-test-${databases}`);
    // The desktop restores a backup holding the laptop's edit; the laptop's own version of
    // it arrives after, the same content, then the laptop edits on without having seen ours.
    const restored = noteOf('Filmed in Canada', at);
    await restoreEverything(db, {
      videos: [{ ...video, lastSeenAt: at }],
      notes: [restored],
      cards: [],
      decks: [],
    });
    await sealLocalChanges(db, 'desktop', createClock('desktop', { wallClock: () => at }));
    await applyVersions(db, [versionOf(at + 1_000, { laptop: 1 }, restored)], {});
    await applyVersions(
      db,
      [versionOf(at + 2_000, { laptop: 2 }, noteOf('Filmed in Wyoming', at + 2_000))],
      {},
    );

    const notes = await db.notes.toArray();
    expect(notes.find((note) => note.id === noteId)?.text).toBe('Filmed in Wyoming');
    expect(notes.filter((note) => note.conflictOf === noteId).map((note) => note.text)).toEqual([
      'Filmed in Canada',
    ]);
    db.close();
  });

  it('keeps an edit made while a round merges what another device sent of the same note', async () => {
    databases++;
    const db = openDatabase(`sync-records-test-${databases}`);
    const clock = createClock('desktop', { wallClock: () => at });
    await putNote(db, noteOf('Filmed in Canada', at), video);
    await sealLocalChanges(db, 'desktop', clock);
    // The viewer edits the note after the round sealed this device's changes...
    await putNote(db, noteOf('Filmed in Canada, in the snow', at + 500));
    // ...and the laptop's edit, made after it had seen the first version, arrives.
    await applyVersions(
      db,
      [versionOf(at + 1_000, { desktop: 1, laptop: 1 }, noteOf('Filmed in Wyoming', at + 1_000))],
      {},
      { device: 'desktop', clock },
    );
    await sealLocalChanges(db, 'desktop', clock);

    const texts = (await db.notes.toArray()).filter((note) => !note.deleted).map((n) => n.text);
    expect(texts.sort()).toEqual(['Filmed in Canada, in the snow', 'Filmed in Wyoming']);
    db.close();
  });
});

describe('connecting', () => {
  it('gives a first snapshot from what it read that holds what the store holds', async () => {
    databases++;
    const db = openDatabase(`sync-records-test-${databases}`);
    await putNote(db, noteOf('Filmed in Canada', at), video);
    await putNote(
      db,
      { ...noteOf('Gone', at, true), id: '0190a000-0000-7000-8000-000000000002' },
      video,
    );
    // Notes over years of ids, so that connecting reads them in many parts.
    await restoreEverything(db, {
      videos: [],
      notes: Array.from({ length: 300 }, (_, i) => ({
        ...noteOf(`Note ${i}`, at),
        id: uuidv7(1_700_000_000_000 + i * 1_000_000_000),
      })),
      cards: [],
      decks: [],
    });
    const clock = createClock('desktop', { wallClock: () => at });
    const connected = await versionEverything(db, 'desktop', clock);

    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const fromText = JSON.parse(
      [...snapshotJsonParts('desktop', 0, { laptop: 3 }, connected)].join(''),
    );
    const fromStore = JSON.parse(
      JSON.stringify(snapshotFile('desktop', 0, { laptop: 3 }, await everyVersion(db))),
    );
    expect(fromText.versions).toHaveLength(303);
    expect({ ...fromText, versions: fromText.versions.sort(byId) }).toEqual({
      ...fromStore,
      versions: fromStore.versions.sort(byId),
    });
    expect(parseSnapshot(fromText, { device: 'desktop', sequence: 0 }).ok).toBe(true);
    db.close();
  });
});
