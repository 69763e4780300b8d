import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onAnyWrite } from './changes';
import { type CuecardsDatabase, openDatabase, putNote } from './database';

const video = {
  key: 'vimeo:1001',
  provider: 'vimeo',
  title: 'A lecture',
  url: 'https://vimeo.com/1001',
} as const;
const note = (updatedAt: number) => ({
  id: '01890a5d-ac96-774b-bcce-000000000001',
  videoKey: video.key,
  t: 1,
  text: 'A note',
  createdAt: 1,
  updatedAt,
});

let db: CuecardsDatabase;
beforeEach(async () => {
  db = openDatabase(`changes-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(() => db.delete());

describe('onAnyWrite', () => {
  it('hears each committed write until removed', async () => {
    const heard = vi.fn();
    const stop = onAnyWrite(heard);
    await putNote(db, note(1), video);
    await vi.waitFor(() => expect(heard).toHaveBeenCalled());
    stop();
    heard.mockClear();
    await putNote(db, note(2), video);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).not.toHaveBeenCalled();
  });
});
