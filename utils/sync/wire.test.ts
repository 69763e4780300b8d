import { describe, expect, it } from 'vitest';
import type { WireVersion } from '../store/sync-records';
import { snapshotFile, snapshotFileParts } from './wire';

const versionOf = (i: number): WireVersion => ({
  table: 'decks',
  id: `deck-${i}`,
  stamp: `00000000${i % 10}-00000-laptop`,
  seen: { laptop: i + 1 },
  deleted: false,
  data: { id: `deck-${i}`, title: `Deck "${i}"\n` },
});

describe('a snapshot as text in parts', () => {
  it('joins into the JSON of the whole file, over parts or none', () => {
    for (const count of [0, 1, 2_000, 4_001]) {
      const versions = Array.from({ length: count }, (_, i) => versionOf(i));
      const parts = [...snapshotFileParts('desktop', 7, { laptop: 3 }, versions)];
      expect(JSON.parse(parts.join(''))).toEqual(
        JSON.parse(JSON.stringify(snapshotFile('desktop', 7, { laptop: 3 }, versions))),
      );
      expect(parts.length).toBe(2 + Math.ceil(count / 2_000));
    }
  });
});
