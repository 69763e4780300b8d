import type { Incoming } from '@/utils/formats/incoming';
import { formatTimestamp } from '@/utils/time';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

const shownCards = 5;

/** What an import would write, shown before anything is written. Text only. */
export function ImportPreview(props: { incoming: Exclude<Incoming, { kind: 'webvtt' }> }) {
  const { incoming } = props;
  if (incoming.kind === 'backup') {
    const { videos, notes, cards, decks } = incoming.backup;
    return (
      <div class="preview">
        <p>
          A Cuecards backup: {plural(videos.length, 'video')},{' '}
          {plural(notes.filter((note) => !note.deleted).length, 'note')},{' '}
          {plural(cards.filter((card) => !card.deleted).length, 'card')} in{' '}
          {plural(decks.filter((deck) => !deck.deleted).length, 'deck')}.
        </p>
        <p class="muted">
          Restoring merges it with what is here: newer edits on either side are kept.
        </p>
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
        From a {source}: {plural(batch.notes.length, 'note')} and{' '}
        {plural(
          batch.decks.reduce((sum, file) => sum + file.cards.length, 0),
          'card',
        )}
        .
      </p>
      {noteKeys.length > 0 && (
        <ul class="preview-list">
          {noteKeys.map((key) => (
            <li key={key}>
              {plural(batch.notes.filter((note) => note.videoKey === key).length, 'note')} on “
              {titleOf(key)}”
            </li>
          ))}
        </ul>
      )}
      {batch.decks.map((file) => (
        <section key={file.deck.id} class="preview-deck" aria-label={`Deck ${file.deck.title}`}>
          <h3>
            {file.deck.title}
            {file.deck.author && <span class="muted"> by {file.deck.author}</span>}
          </h3>
          <p class="muted">
            {plural(file.cards.length, 'card')} on “{file.video.title || file.video.url}”
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
            <p class="muted">and {plural(file.cards.length - shownCards, 'more card')}</p>
          )}
        </section>
      ))}
    </div>
  );
}
