// The store's part in matching notes kept for a web page (a YiNote import) to the video on it.
import type { VideoInfo } from '../model/records';
import { type CuecardsDatabase, touchVideo } from './database';
import { mergeVideos } from './library';

/**
 * The key of a web video's page without its media hash (`url:<page>`), or undefined for a key
 * that has none (YouTube, Vimeo, a page whose video had a `blob:` source).
 */
export function pageKeyOf(videoKey: string): string | undefined {
  if (!videoKey.startsWith('url:')) return undefined;
  const hashAt = videoKey.lastIndexOf('#');
  return hashAt === -1 ? undefined : videoKey.slice(0, hashAt);
}

/**
 * Moves what is kept under the page's key to the video now playing on it, and says whether
 * there was anything. A YiNote export names the page of a video, not its source, so its notes
 * are kept under `url:<page>`; a video on that page plays under `url:<page>#<hash>`, and only
 * then is it known which video they were taken on.
 */
export async function adoptPageNotes(
  db: CuecardsDatabase,
  video: VideoInfo,
  at: number,
): Promise<boolean> {
  const pageKey = pageKeyOf(video.key);
  if (pageKey === undefined) return false;
  return db.transaction('rw', db.journal, db.videos, db.notes, db.cards, db.decks, async () => {
    const page = await db.videos.get(pageKey);
    if (!page) return false;
    await touchVideo(db, video.key, at, { ...video, title: video.title || page.title });
    await mergeVideos(db, pageKey, video.key, at);
    return true;
  });
}
