import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardInput, NoteInput, VideoInfo } from '../model/records';
import {
  type CuecardsDatabase,
  openDatabase,
  putCard,
  putNote,
  setCardDeleted,
  setNoteDeleted,
  updateDeck,
} from '../store/database';
import { renameVideo } from '../store/library';
import { type ChangeFeed, LibrarySearch, type SearchFilters } from './upkeep';

const id = (n: number) => `01890a5d-ac96-774b-bcce-${String(n).padStart(12, '0')}`;
const montage: VideoInfo = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube',
  title: 'Training montage',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
};
const lecture: VideoInfo = {
  key: 'vimeo:1001',
  provider: 'vimeo',
  title: 'A lecture',
  url: 'https://vimeo.com/1001',
};
const note = (n: number, text: string, at: number, video = montage): NoteInput => ({
  id: id(n),
  videoKey: video.key,
  t: n,
  text,
  createdAt: at,
  updatedAt: at,
});
const card = (n: number, title: string, at: number, video = montage): CardInput => ({
  id: id(500 + n),
  videoKey: video.key,
  start: n,
  end: n + 8,
  title,
  text: '',
  kind: 'fact',
  createdAt: at,
  updatedAt: at,
});
const anyVideo: SearchFilters = { provider: '', hasCards: false, tag: '' };

/** The ids found for the words, video by video. */
const idsFound = (search: LibrarySearch, words: string, filters = anyVideo) =>
  search.find(words, filters).flatMap((group) => group.items.map((item) => item.id));

let db: CuecardsDatabase;
let search: LibrarySearch;
beforeEach(async () => {
  db = openDatabase(`upkeep-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  search?.close();
  await db.delete();
});

/** A search that hears of writes only when the test says so. */
function withManualChanges(): { search: LibrarySearch; change: () => void } {
  let onChange = () => {};
  const changes: ChangeFeed = (listener) => {
    onChange = listener;
    return () => {
      onChange = () => {};
    };
  };
  const created = new LibrarySearch(db, { changes, catchUpDelayMs: 0 });
  created.start();
  return { search: created, change: () => onChange() };
}

describe('LibrarySearch', () => {
  it('finds nothing until loaded, then every live note and card of live decks', async () => {
    await putNote(db, note(1, 'Drago lifts a truck', 1_000), montage);
    await putNote(db, note(2, 'Rocky lifts a cart', 1_000, lecture), lecture);
    await putNote(db, note(3, 'Deleted lifts', 1_000), montage);
    await setNoteDeleted(db, id(3), true, 2_000);
    await putCard(db, card(1, 'Wyoming lifts', 1_000), montage);
    search = new LibrarySearch(db);
    search.start();
    const heard = vi.fn();
    search.subscribe(heard);
    expect(search.isReady).toBe(false);
    expect(idsFound(search, 'lifts')).toEqual([]);

    await search.load();
    expect(search.isReady).toBe(true);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(search.size).toBe(3);
    expect(idsFound(search, 'lifts').sort()).toEqual([id(1), id(2), id(501)]);
    expect(idsFound(search, 'lifts', { ...anyVideo, provider: 'vimeo' })).toEqual([id(2)]);
    expect(idsFound(search, 'lifts', { ...anyVideo, hasCards: true }).sort()).toEqual([
      id(1),
      id(501),
    ]);
  });

  it('finds a note written after loading, its edit, and no longer once deleted', async () => {
    search = new LibrarySearch(db);
    search.start();
    await search.load();
    await putNote(db, note(1, 'Drago lifts a truck', 1_000), montage);
    await vi.waitFor(() => expect(idsFound(search, 'truck')).toEqual([id(1)]));

    await putNote(db, note(1, 'Drago pulls a sled', 2_000), montage);
    await vi.waitFor(() => expect(idsFound(search, 'sled')).toEqual([id(1)]));
    expect(idsFound(search, 'truck')).toEqual([]);

    await setNoteDeleted(db, id(1), true, 3_000);
    await vi.waitFor(() => expect(idsFound(search, 'sled')).toEqual([]));
    expect(search.size).toBe(0);
  });

  it('hears of a note written through another connection, as from another tab', async () => {
    search = new LibrarySearch(db);
    search.start();
    await search.load();
    const otherTab = openDatabase(db.name);
    try {
      await putNote(otherTab, note(1, 'Written elsewhere', 1_000), montage);
      await vi.waitFor(() => expect(idsFound(search, 'elsewhere')).toEqual([id(1)]));
    } finally {
      otherTab.close();
    }
  });

  it('finds a card written after loading, its edit, and no longer once deleted', async () => {
    const { search: created, change } = withManualChanges();
    search = created;
    await search.load();
    await putCard(db, card(1, 'Wyoming doubled for Siberia', 1_000), montage);
    change();
    await vi.waitFor(() => expect(idsFound(search, 'siberia')).toEqual([id(501)]));
    expect(search.find('wyo', anyVideo)[0]?.items[0]).toMatchObject({
      kind: 'card',
      t: 1,
      title: 'Wyoming doubled for Siberia',
      titleHighlights: [[0, 3]],
    });

    await putCard(db, card(1, 'Filmed in Alberta', 2_000), montage);
    change();
    await vi.waitFor(() => expect(idsFound(search, 'alberta')).toEqual([id(501)]));
    expect(idsFound(search, 'siberia')).toEqual([]);

    await setCardDeleted(db, id(501), true, 3_000);
    change();
    await vi.waitFor(() => expect(idsFound(search, 'alberta')).toEqual([]));
  });

  it('finds a video by the title the viewer gave it', async () => {
    await putNote(db, note(1, 'Stairs', 1_000), montage);
    const { search: created, change } = withManualChanges();
    search = created;
    await search.load();
    expect(search.find('philadelphia', anyVideo)).toEqual([]);
    await renameVideo(db, montage.key, 'Philadelphia steps');
    change();
    await vi.waitFor(() =>
      expect(search.find('philadelphia', anyVideo)).toEqual([
        {
          video: expect.objectContaining({ key: montage.key, title: 'Philadelphia steps' }),
          titleHighlights: [[0, 12]],
          items: [],
        },
      ]),
    );
  });

  it('indexes a note once, whether written at the watermark or while the index loads', async () => {
    await putNote(db, note(1, 'First draft', 5_000), montage);
    const { search: created, change } = withManualChanges();
    search = created;
    const heard = vi.fn();
    search.subscribe(heard);
    const loading = search.load();
    // Heard while the load reads, and written after what it reads: read once the load is done.
    change();
    await Promise.all([
      putNote(db, note(1, 'Second draft', 6_000), montage),
      putNote(db, note(2, 'Another draft', 6_000), montage),
      loading,
    ]);
    expect(heard).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(2));
    expect(idsFound(search, 'draft').sort()).toEqual([id(1), id(2)]);
    expect(idsFound(search, 'second')).toEqual([id(1)]);
    expect(idsFound(search, 'first')).toEqual([]);

    // Stamped exactly at the watermark: read again, and it replaces itself.
    await putNote(db, note(3, 'Third draft', 6_000), montage);
    change();
    await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(3));
    change();
    await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(4));
    expect(search.size).toBe(3);
    expect(idsFound(search, 'draft').sort()).toEqual([id(1), id(2), id(3)]);
  });

  it('groups the notes of a tag by video, the video seen last first', async () => {
    await putNote(db, note(1, 'Run #stairs', 1_000, lecture), lecture);
    await putNote(db, note(3, 'Lift #stairs', 2_000), montage);
    await putNote(db, note(2, 'Climb #stairs', 2_000), montage);
    search = new LibrarySearch(db);
    await search.load();
    const notes = await db.transaction('r', db.notes, () => db.notes.toArray());
    const groups = search.groupNotes(notes, { provider: '', hasCards: false });
    expect(groups.map((group) => [group.video.key, group.items.map((item) => item.id)])).toEqual([
      [montage.key, [id(2), id(3)]],
      [lecture.key, [id(1)]],
    ]);
    expect(search.groupNotes(notes, { provider: 'vimeo', hasCards: false })).toHaveLength(1);
  });

  it('leaves out the cards of a deck turned off before loading', async () => {
    await putCard(db, card(1, 'Hidden fact', 1_000), montage);
    const deckId = (await db.cards.get(id(501)))?.deckId;
    await updateDeck(db, deckId!, { deleted: true }, 2_000);
    search = new LibrarySearch(db);
    await search.load();
    expect(idsFound(search, 'hidden')).toEqual([]);
  });

  it('reads nothing more once closed', async () => {
    const { search: created, change } = withManualChanges();
    search = created;
    await search.load();
    const heard = vi.fn();
    search.subscribe(heard);
    search.close();
    await putNote(db, note(1, 'After closing', 1_000), montage);
    change();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).not.toHaveBeenCalled();
    expect(idsFound(search, 'closing')).toEqual([]);
  });
});
