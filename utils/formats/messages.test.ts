// What a viewer is told about a file Cuecards refuses: the file's kind, the place, the
// problem in plain words, the value found quoted short, and never a page of text.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { useFakeLocale } from '../../tools/fake-i18n';
import { serializeBackup } from './backup';
import { readIncoming } from './incoming';

const video = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube' as const,
  title: 'Training montage',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  lastSeenAt: 5,
};
const note = (n: number) => ({
  id: `01890a5d-ac96-774b-bcce-b302099a83${String(n).padStart(2, '0')}`,
  videoKey: video.key,
  t: n,
  text: `Chopping wood ${n}`,
  tags: [],
  createdAt: 5,
  updatedAt: 5,
  deleted: false,
});
const backupText = serializeBackup({
  videos: [video],
  notes: [note(1), note(2), note(3)],
  cards: [],
  decks: [],
});
const deckText = JSON.stringify({
  format: 'cuecards-deck',
  version: 1,
  video: { key: video.key, provider: video.provider, title: video.title, url: video.url },
  deck: {
    id: '01890a5d-ac96-774b-bcce-b302099a8200',
    title: 'Rocky IV trivia',
    author: '',
    description: '',
    createdAt: 1,
    updatedAt: 1,
  },
  cards: [],
});

const errorOf = (text: string) => {
  const read = readIncoming(text, 1);
  return read.ok ? undefined : read.error;
};
const withNote = (index: number, change: Record<string, unknown>) => {
  const backup = JSON.parse(backupText);
  Object.assign(backup.notes[index], change);
  return JSON.stringify(backup, null, 2);
};

describe('a damaged file', () => {
  it('says a backup cut in half is damaged JSON, and where it ends', () => {
    const half = backupText.slice(0, Math.floor(backupText.length / 2));
    const lines = half.split('\n');
    expect(errorOf(half)).toBe(
      `This Cuecards backup is damaged: it stops being valid JSON at line ${lines.length}, column ${lines.at(-1)!.length + 1}, where it ends too early (is it cut short?).`,
    );
  });

  it('points at a trailing comma', () => {
    const text = backupText.replace(/\n {2}\]/, ',\n  ]');
    expect(errorOf(text)).toBe(
      'This Cuecards backup is damaged: it stops being valid JSON at line 6, column 3, at a comma before a closing bracket.',
    );
  });

  it('points at curly quotes, as a word processor writes them', () => {
    const text = backupText.replace('"videos"', '“videos”');
    expect(errorOf(text)).toBe(
      'This Cuecards backup is damaged: it stops being valid JSON at line 4, column 3, at a curly quote, where JSON needs a straight one (").',
    );
  });

  it('names the kind of a damaged deck file, in Portuguese too', () => {
    const text = deckText.replace('"cards":[]', '"cards":[,]');
    expect(errorOf(text)).toMatch(/^This deck file is damaged: .* line 1, column \d+, at ","\.$/);
    useFakeLocale('pt_BR');
    try {
      expect(errorOf(text)).toMatch(
        /^Arquivo danificado \(arquivo de baralho\): deixa de ser JSON válido na linha 1, coluna \d+, em ","\.$/,
      );
    } finally {
      useFakeLocale('en');
    }
  });
});

describe('a file of ours with an altered format', () => {
  it('is told its format is wrong, not that it is no YiNote export', () => {
    const text = backupText.replace('"cuecards-backup"', '"cuecards-backup-2"');
    expect(errorOf(text)).toBe(
      'This backup is not valid: format: must be "cuecards-backup", not "cuecards-backup-2"',
    );
    expect(errorOf(deckText.replace('"cuecards-deck"', '"cuecards-dek"'))).toBe(
      'This deck file is not valid: format: must be "cuecards-deck", not "cuecards-dek"',
    );
  });

  it('names a format Cuecards does not read', () => {
    expect(errorOf('{"format": "anki-deck", "notes": 1}')).toBe(
      'This backup is not valid: format: must be "cuecards-backup", not "anki-deck"',
    );
    expect(errorOf('{"format": "anki-deck"}')).toBe(
      'This file names its format "anki-deck"; Cuecards reads "cuecards-backup" and "cuecards-deck".',
    );
  });
});

describe('a rejection', () => {
  it('names the record and field in plain words, not a path and valibot’s words', () => {
    expect(errorOf(withNote(2, { extra: true }))).toBe(
      'This backup is not valid: note 3, extra: is not a field Cuecards knows',
    );
    expect(errorOf(withNote(1, { t: 'soon' }))).toBe(
      'This backup is not valid: note 2, t: must be a number, not "soon"',
    );
    useFakeLocale('pt_BR');
    try {
      expect(errorOf(withNote(1, { t: 'soon' }))).toBe(
        'Este backup não é válido: nota 2, t: deve ser um número, não "soon"',
      );
    } finally {
      useFakeLocale('en');
    }
  });

  it('quotes what it found short', () => {
    const long = 'x'.repeat(25_000);
    for (const text of [
      withNote(0, { t: long }),
      withNote(0, { [long]: 1 }),
      backupText.replace('"cuecards-backup"', JSON.stringify(long)),
      JSON.stringify({ format: long }),
      JSON.stringify({ version: long, data: [] }),
    ]) {
      const error = errorOf(text)!;
      expect(error).toContain('xxxxxxxx…');
      expect(error.length).toBeLessThan(200);
    }
  });

  it('is a few hundred characters at most, names the file and never says “Invalid”', () => {
    const value = fc.oneof(fc.jsonValue(), fc.string({ maxLength: 2_000 }));
    const field = fc.constantFrom(
      'id',
      't',
      'text',
      'videoKey',
      'tags',
      'deleted',
      'x'.repeat(500),
    );
    fc.assert(
      fc.property(fc.nat(2), field, value, (index, key, found) => {
        const error = errorOf(withNote(index, { [key]: found }));
        if (error === undefined) return;
        expect(error.length).toBeLessThanOrEqual(300);
        expect(error).toMatch(/^This backup is not valid: note \d, /);
        expect(error).not.toMatch(/Invalid|Expected|\.\d+\./);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a file over the size its kind allows', () => {
  it('is refused before it is parsed', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const bigDeck = deckText.replace('"author":""', `"author":"${' '.repeat(3_000_000)}"`);
    expect(errorOf(bigDeck)).toBe('The file is over 2 MB.');
    const bigOther = `{"data": [], "version": "1.6.0", "pad": "${' '.repeat(21_000_000)}"}`;
    expect(errorOf(bigOther)).toBe('The file is over 20 MB.');
    expect(parse).not.toHaveBeenCalled();
  });
});
