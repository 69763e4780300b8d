import type { NoteInput, VideoInfo } from '../model/records';
import type { DeckFile } from './deck-file';

/**
 * What an importer hands to the store: validated whole and ready to be written in one
 * transaction. Notes and decks name their video by key; `videos` describes those videos.
 */
export interface ImportBatch {
  videos: VideoInfo[];
  notes: NoteInput[];
  decks: DeckFile[];
}
