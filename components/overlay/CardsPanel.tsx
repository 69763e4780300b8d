import { kindLabels } from '@/components/composer/CardForm';
import type { CardRecord } from '@/utils/records';
import { formatTimestamp } from '@/utils/time';

const hostOf = (url: string) => (URL.canParse(url) ? new URL(url).host : url);

export function CardsPanel(props: {
  cards: readonly CardRecord[];
  isMuted: boolean;
  onToggleMuted: () => void;
  onSeek: (t: number) => void;
  onEdit: (card: CardRecord) => void;
  onDelete: (card: CardRecord) => void;
  onClose: () => void;
}) {
  return (
    <section class="panel" aria-label="Trivia cards on this video">
      <header class="panel-header">
        <h2>Trivia cards</h2>
        <button
          type="button"
          class="text-button"
          aria-pressed={props.isMuted}
          onClick={props.onToggleMuted}
        >
          {props.isMuted ? 'Unmute cards' : 'Mute cards'}
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label="Hide cards list"
          onClick={props.onClose}
        >
          ×
        </button>
      </header>
      {props.cards.length === 0 ? (
        <p class="empty">No cards yet. Press Alt+Shift+C or “+ Card” to add one.</p>
      ) : (
        <ol class="notes">
          {props.cards.map((card) => {
            const start = formatTimestamp(card.start);
            const label = card.title || card.text.slice(0, 40);
            return (
              <li key={card.id} class="note">
                <button
                  type="button"
                  class="time"
                  aria-label={`Seek to ${start}`}
                  onClick={() => props.onSeek(card.start)}
                >
                  {start}–{formatTimestamp(card.end)}
                </button>
                <p class="note-text">
                  <span class="card-kind">{kindLabels[card.kind]}</span>{' '}
                  {card.title && <strong>{card.title}</strong>} {card.text}
                  {card.source && <span class="card-source"> · from {hostOf(card.source)}</span>}
                </p>
                <div class="note-actions">
                  <button
                    type="button"
                    aria-label={`Edit card: ${label}`}
                    onClick={() => props.onEdit(card)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    aria-label={`Delete card: ${label}`}
                    onClick={() => props.onDelete(card)}
                  >
                    Delete
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
