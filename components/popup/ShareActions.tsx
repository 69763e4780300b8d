import { useState } from 'preact/hooks';
import { drawCardImage, layoutCardImage, measureOn } from '@/utils/card-image';
import { deckFileOf, deckJsonFile, deckWebVttFile, videoMarkdown } from '@/utils/exports';
import { deckShareLink } from '@/utils/formats/share-link';
import type { CardRecord, DeckRecord, VideoInfo } from '@/utils/records';
import type { CuecardsDatabase } from '@/utils/store';
import type { ShowToast } from '../toast';
import { copyImage, copyText, downloadFile } from '../transfer/files';

const failure = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Copy or download one video's notes and cards as Markdown. */
export function VideoExportActions(props: {
  db: CuecardsDatabase;
  video: VideoInfo;
  onToast: ShowToast;
}) {
  const { db, video, onToast } = props;
  async function markdown() {
    const file = await videoMarkdown(db, video.key);
    if (!file) throw new Error('This video has no notes or cards to export yet.');
    return file;
  }
  const act = (action: () => Promise<string>) =>
    void action().then(
      (message) => onToast({ message }),
      (error) => onToast({ message: failure(error) }),
    );
  return (
    <div class="note-actions export-actions">
      <button
        type="button"
        onClick={() =>
          act(async () => {
            await copyText(String((await markdown()).data));
            return 'Markdown copied.';
          })
        }
      >
        Copy Markdown
      </button>
      <button
        type="button"
        onClick={() =>
          act(async () => {
            const file = await markdown();
            downloadFile(file.name, file.data, file.type);
            return `Downloaded ${file.name}.`;
          })
        }
      >
        Download Markdown
      </button>
    </div>
  );
}

/** A deck handed to a friend: as a link, a deck file, or WebVTT for any player. */
export function DeckShareActions(props: {
  db: CuecardsDatabase;
  deck: DeckRecord;
  onToast: ShowToast;
}) {
  const { db, deck, onToast } = props;
  const [open, setOpen] = useState(false);
  async function file() {
    const found = await deckFileOf(db, deck.id);
    if (!found) throw new Error('This deck is gone.');
    if (found.cards.length === 0) throw new Error('This deck has no cards to share yet.');
    return found;
  }
  const act = (action: () => Promise<string>) =>
    void action().then(
      (message) => onToast({ message }),
      (error) => onToast({ message: failure(error) }),
    );
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-label={`Share deck ${deck.title}`}
        onClick={() => setOpen(!open)}
      >
        Share
      </button>
      {open && (
        <div class="note-actions share-row">
          <button
            type="button"
            onClick={() =>
              act(async () => {
                const link = deckShareLink(await file());
                if (!link.ok) throw new Error(link.error);
                await copyText(link.value);
                return 'Link copied. Whoever opens it sees the video and can import the deck.';
              })
            }
          >
            Copy link
          </button>
          <button
            type="button"
            onClick={() =>
              act(async () => {
                const exported = deckJsonFile(await file());
                downloadFile(exported.name, exported.data, exported.type);
                return `Downloaded ${exported.name}.`;
              })
            }
          >
            Deck file
          </button>
          <button
            type="button"
            onClick={() =>
              act(async () => {
                const exported = deckWebVttFile(await file());
                downloadFile(exported.name, exported.data, exported.type);
                return `Downloaded ${exported.name}.`;
              })
            }
          >
            WebVTT
          </button>
        </div>
      )}
    </>
  );
}

async function cardPicture(card: CardRecord, video: VideoInfo): Promise<Blob> {
  const canvas = document.createElement('canvas');
  const layout = layoutCardImage(card, video, measureOn(canvas));
  return drawCardImage(layout, canvas);
}

/** One card as a picture, to download or copy. */
export function CardPictureActions(props: {
  card: CardRecord;
  video: VideoInfo;
  label: string;
  onToast: ShowToast;
}) {
  const { card, video, onToast } = props;
  const act = (action: () => Promise<string>) =>
    void action().then(
      (message) => onToast({ message }),
      (error) => onToast({ message: failure(error) }),
    );
  return (
    <>
      <button
        type="button"
        aria-label={`Download picture of card: ${props.label}`}
        onClick={() =>
          act(async () => {
            const name = `Cuecards card ${card.id.slice(-6)}.png`;
            downloadFile(name, await cardPicture(card, video), 'image/png');
            return `Downloaded ${name}.`;
          })
        }
      >
        Picture
      </button>
      <button
        type="button"
        aria-label={`Copy picture of card: ${props.label}`}
        onClick={() =>
          act(async () => {
            await copyImage(await cardPicture(card, video));
            return 'Picture copied.';
          })
        }
      >
        Copy picture
      </button>
    </>
  );
}
