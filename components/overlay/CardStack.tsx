import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { kindLabel } from '@/components/composer/CardForm';
import { count } from '@/utils/model/locale';
import type { CardRecord } from '@/utils/model/records';
import type { CardCorner } from '@/utils/model/settings';
import { useActiveCards } from './active-cards';

export const kindIcons: Record<CardRecord['kind'], string> = {
  fact: 'ℹ',
  music: '♪',
  place: '⚑',
  person: '☺',
  quote: '❝',
};

const maxVisible = 3;

const isHttpUrl = (url: string | undefined): url is string =>
  url !== undefined && /^https?:\/\//i.test(url);

/** The cards active now, stacked in a corner; announced politely to screen readers. */
export function CardStack(props: {
  cards: readonly CardRecord[];
  corner: CardCorner;
  onDismiss: (card: CardRecord) => void;
}) {
  const visible = props.cards.slice(0, maxVisible);
  const hidden = props.cards.length - visible.length;
  return (
    <section
      class={`cards cards-${props.corner}`}
      aria-live="polite"
      aria-label={i18n.t('overlay.triviaCards')}
    >
      {visible.map((card) => (
        <article
          key={card.id}
          class={`card kind-${card.kind}`}
          aria-label={card.title || card.text}
        >
          <header class="card-header">
            <span class="card-kind">
              <span aria-hidden="true">{kindIcons[card.kind]}</span> {kindLabel(card.kind)}
            </span>
            <button
              type="button"
              class="icon-button"
              aria-label={i18n.t('card.dismiss', [card.title || card.text.slice(0, 40)])}
              onClick={() => props.onDismiss(card)}
            >
              ×
            </button>
          </header>
          {card.title && <h3 class="card-title">{card.title}</h3>}
          {card.text && <p class="card-text">{card.text}</p>}
          {isHttpUrl(card.link) && (
            <a class="card-link" href={card.link} target="_blank" rel="noopener noreferrer">
              {new URL(card.link).hostname}
            </a>
          )}
        </article>
      ))}
      {hidden > 0 && <p class="cards-more">{count('overlay.moreCards', hidden)}</p>}
    </section>
  );
}

/**
 * Follows the video's time and shows the cards active now. A component of its own, so a
 * change of the active set re-renders the stack and nothing else of the overlay.
 */
export function CardLayer(props: {
  video: HTMLVideoElement;
  cards: readonly CardRecord[];
  corner: CardCorner;
  onAppearWhilePlaying: () => void;
}) {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const active = useActiveCards(props.video, props.cards, props.onAppearWhilePlaying);
  const shown = active.filter((card) => !dismissed.has(card.id));
  if (shown.length === 0) return null;
  return (
    <CardStack
      cards={shown}
      corner={props.corner}
      onDismiss={(card) => setDismissed(new Set([...dismissed, card.id]))}
    />
  );
}
