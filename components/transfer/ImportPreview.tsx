import { i18n } from '#i18n';
import type { ImportSource, Incoming } from '@/utils/formats/incoming';
import { count } from '@/utils/model/locale';
import { formatTimestamp } from '@/utils/timeline/time';

/** “From a share link”: each its own message, as languages differ in the article. */
const fromSource = (source: ImportSource) => {
  switch (source) {
    case 'share link':
      return i18n.t('importPreview.from.shareLink');
    case 'deck file':
      return i18n.t('importPreview.from.deckFile');
    case 'Web Annotations':
      return i18n.t('importPreview.from.webAnnotations');
    case 'YiNote export':
      return i18n.t('importPreview.from.yiNote');
    case 'WebVTT':
      return i18n.t('importPreview.from.webVtt');
    case 'SubRip':
      return i18n.t('importPreview.from.subRip');
  }
};

const shownCards = 5;

/** What an import would write, shown before anything is written. Text only. */
export function ImportPreview(props: { incoming: Exclude<Incoming, { kind: 'webvtt' }> }) {
  const { incoming } = props;
  if (incoming.kind === 'backup') {
    const { videos, notes, cards, decks } = incoming.backup;
    return (
      <div class="preview">
        <p>
          {i18n.t('importPreview.backup', [
            count('count.videos', videos.length),
            count('count.notes', notes.filter((note) => !note.deleted).length),
            count('count.cards', cards.filter((card) => !card.deleted).length),
            count('count.decks', decks.filter((deck) => !deck.deleted).length),
          ])}
        </p>
        <p class="muted">{i18n.t('importPreview.mergeNote')}</p>
      </div>
    );
  }
  const { batch, source } = incoming;
  const titleOf = (key: string) =>
    batch.videos.find((video) => video.key === key)?.title ||
    batch.decks.find((file) => file.video.key === key)?.video.title ||
    key;
  const noteKeys = [...new Set(batch.notes.map((note) => note.videoKey))];
  return (
    <div class="preview">
      <p>
        {i18n.t('importPreview.batch', [
          fromSource(source),
          count('count.notes', batch.notes.length),
          count(
            'count.cards',
            batch.decks.reduce((sum, file) => sum + file.cards.length, 0),
          ),
        ])}
      </p>
      {noteKeys.length > 0 && (
        <ul class="preview-list">
          {noteKeys.map((key) => (
            <li key={key}>
              {i18n.t('importPreview.onVideo', [
                count('count.notes', batch.notes.filter((note) => note.videoKey === key).length),
                titleOf(key),
              ])}
            </li>
          ))}
        </ul>
      )}
      {batch.decks.map((file) => (
        <section
          key={file.deck.id}
          class="preview-deck"
          aria-label={i18n.t('importPreview.deck', [file.deck.title])}
        >
          <h3>
            {file.deck.title}
            {file.deck.author && (
              <span class="muted"> {i18n.t('importPreview.by', [file.deck.author])}</span>
            )}
          </h3>
          <p class="muted">
            {i18n.t('importPreview.onVideo', [
              count('count.cards', file.cards.length),
              file.video.title || file.video.url,
            ])}
          </p>
          {file.deck.description && <p>{file.deck.description}</p>}
          <ol class="preview-list">
            {file.cards.slice(0, shownCards).map((card) => (
              <li key={card.id}>
                <span class="time">{formatTimestamp(card.start)}</span> {card.title || card.text}
              </li>
            ))}
          </ol>
          {file.cards.length > shownCards && (
            <p class="muted">{count('importPreview.more', file.cards.length - shownCards)}</p>
          )}
        </section>
      ))}
    </div>
  );
}
