import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { drawCardImage, layoutCardImage, measureOn } from '@/utils/formats/card-image';
import { deckJsonFile, deckWebVttFile, type ExportFile } from '@/utils/formats/files';
import { deckShareLink } from '@/utils/formats/share-link';
import type { CardRecord, DeckRecord, VideoInfo } from '@/utils/model/records';
import type { CuecardsDatabase } from '@/utils/store/database';
import { deckFileOf, videoMarkdown } from '@/utils/store/exports';
import { kindLabel } from '../composer/CardForm';
import type { ShowToast } from '../toast';
import { copyImage, copyText, downloadFile } from '../transfer/files';

const failure = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs an action from a button and shows what came of it, success or failure, as a toast. */
const actWith = (onToast: ShowToast) => (action: () => Promise<string>) =>
  void action().then(
    (message) => onToast({ message }),
    (error) => onToast({ message: failure(error) }),
  );

/** Hands a file to the browser's download and says so. */
function save(file: ExportFile): string {
  downloadFile(file);
  return i18n.t('common.downloaded', [file.name]);
}

/** Copy or download one video's notes and cards as Markdown. */
export function VideoExportActions(props: {
  db: CuecardsDatabase;
  video: VideoInfo;
  onToast: ShowToast;
}) {
  const { db, video, onToast } = props;
  async function markdown() {
    const file = await videoMarkdown(db, video.key);
    if (!file) throw new Error(i18n.t('common.nothingToExport'));
    return file;
  }
  const act = actWith(onToast);
  return (
    <div class="note-actions export-actions">
      <button
        type="button"
        onClick={() =>
          act(async () => {
            await copyText(String((await markdown()).data));
            return i18n.t('common.markdownCopied');
          })
        }
      >
        {i18n.t('common.copyMarkdown')}
      </button>
      <button
        type="button"
        onClick={() =>
          act(async () => {
            const file = await markdown();
            return save(file);
          })
        }
      >
        {i18n.t('common.downloadMarkdown')}
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
    if (!found) throw new Error(i18n.t('share.deckGone'));
    if (found.cards.length === 0) throw new Error(i18n.t('share.deckEmpty'));
    return found;
  }
  const act = actWith(onToast);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-label={i18n.t('deck.share', [deck.title])}
        onClick={() => setOpen(!open)}
      >
        {i18n.t('share.share')}
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
                return i18n.t('share.linkCopied');
              })
            }
          >
            {i18n.t('share.copyLink')}
          </button>
          <button
            type="button"
            onClick={() =>
              act(async () => {
                const exported = deckJsonFile(await file());
                return save(exported);
              })
            }
          >
            {i18n.t('share.deckFile')}
          </button>
          <button
            type="button"
            onClick={() =>
              act(async () => {
                const exported = deckWebVttFile(await file());
                return save(exported);
              })
            }
          >
            {i18n.t('share.webVtt')}
          </button>
        </div>
      )}
    </>
  );
}

async function cardPicture(card: CardRecord, video: VideoInfo): Promise<Blob> {
  const canvas = document.createElement('canvas');
  const layout = layoutCardImage(card, video, measureOn(canvas), kindLabel(card.kind));
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
  const act = actWith(onToast);
  return (
    <>
      <button
        type="button"
        aria-label={i18n.t('share.downloadPictureOf', [props.label])}
        onClick={() =>
          act(async () => {
            const name = `${i18n.t('file.cardPicture', [card.id.slice(-6)])}.png`;
            return save({ name, data: await cardPicture(card, video), type: 'image/png' });
          })
        }
      >
        {i18n.t('share.picture')}
      </button>
      <button
        type="button"
        aria-label={i18n.t('share.copyPictureOf', [props.label])}
        onClick={() =>
          act(async () => {
            await copyImage(await cardPicture(card, video));
            return i18n.t('share.pictureCopied');
          })
        }
      >
        {i18n.t('share.copyPicture')}
      </button>
    </>
  );
}
