import { i18n } from '#i18n';
import { kindLabel } from '@/components/composer/CardForm';
import { ConflictMark } from '@/components/sync/ConflictMark';
import type { CardRecord } from '@/utils/model/records';
import { formatTimestamp } from '@/utils/timeline/time';

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
    <section class="panel" aria-label={i18n.t('overlay.cardsRegion')}>
      <header class="panel-header">
        <h2>{i18n.t('overlay.triviaCards')}</h2>
        <button
          type="button"
          class="text-button"
          aria-pressed={props.isMuted}
          onClick={props.onToggleMuted}
        >
          {props.isMuted ? i18n.t('overlay.unmuteCards') : i18n.t('overlay.muteCards')}
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={i18n.t('overlay.hideCards')}
          onClick={props.onClose}
        >
          ×
        </button>
      </header>
      {props.cards.length === 0 ? (
        <p class="empty">{i18n.t('overlay.noCards')}</p>
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
                  aria-label={i18n.t('common.seekTo', [start])}
                  onClick={() => props.onSeek(card.start)}
                >
                  {start}–{formatTimestamp(card.end)}
                </button>
                <p class="note-text">
                  <ConflictMark conflictOf={card.conflictOf} />
                  <span class="card-kind">{kindLabel(card.kind)}</span>{' '}
                  {card.title && <strong>{card.title}</strong>} {card.text}
                  {card.source && (
                    <span class="card-source">
                      {' · '}
                      {i18n.t('overlay.cardSource', [hostOf(card.source)])}
                    </span>
                  )}
                </p>
                <div class="note-actions">
                  <button
                    type="button"
                    aria-label={i18n.t('card.edit', [label])}
                    onClick={() => props.onEdit(card)}
                  >
                    {i18n.t('common.edit')}
                  </button>
                  <button
                    type="button"
                    aria-label={i18n.t('card.delete', [label])}
                    onClick={() => props.onDelete(card)}
                  >
                    {i18n.t('common.delete')}
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
