import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { kindLabel } from '@/components/composer/CardForm';
import { ConflictMark } from '@/components/sync/ConflictMark';
import { deliverUntilAnswered } from '@/utils/messaging/delivery';
import type { TabVideo } from '@/utils/messaging/protocol';
import { sendRequest } from '@/utils/messaging/request';
import { count, formatNumber } from '@/utils/model/locale';
import { type CardRecord, type DeckRecord, limits } from '@/utils/model/records';
import {
  type CuecardsDatabase,
  cardsOfVideo,
  decksOfVideo,
  setCardDeleted,
  updateDeck,
} from '@/utils/store/database';
import { formatTimestamp } from '@/utils/timeline/time';
import { offerUndo, type ShowToast } from '../toast';
import { useLiveQuery } from '../use-live-query';
import { CardPictureActions, DeckShareActions } from './ShareActions';

/** The decks and cards of the tab's video: show or hide, rename, edit, delete with undo. */
export function DecksSection(props: {
  db: CuecardsDatabase;
  tabId: number;
  tabVideo: TabVideo;
  onToast: ShowToast;
}) {
  const { db, tabVideo } = props;
  const key = tabVideo.video.key;
  const decks = useLiveQuery(() => decksOfVideo(db, key), [key]);
  const cards = useLiveQuery(() => cardsOfVideo(db, key), [key]);
  const [renaming, setRenaming] = useState<string>();

  async function deleteDeck(deck: DeckRecord) {
    await updateDeck(db, deck.id, { deleted: true }, Date.now());
    offerUndo(props.onToast, i18n.t('deck.deleted', [deck.title]), () =>
      updateDeck(db, deck.id, { deleted: false }, Date.now()),
    );
  }

  async function deleteCard(card: CardRecord) {
    await setCardDeleted(db, card.id, true, Date.now());
    offerUndo(props.onToast, i18n.t('card.deleted'), () =>
      setCardDeleted(db, card.id, false, Date.now()),
    );
  }

  // Sent again until the worker answers; its id has the overlay open one editor for it.
  const editCard = (card: CardRecord) =>
    void deliverUntilAnswered(sendRequest, {
      type: 'tab.edit-card',
      tabId: props.tabId,
      frameId: tabVideo.frameId,
      cardId: card.id,
      commandId: crypto.randomUUID(),
    }).then(() => window.close());

  if (!decks || decks.length === 0) {
    return <p class="muted">{i18n.t('deck.noCards')}</p>;
  }
  return (
    <ul class="decks">
      {decks.map(({ deck, cardCount }) => {
        const deckCards = cards?.filter((card) => card.deckId === deck.id) ?? [];
        return (
          <li key={deck.id} class="deck">
            <div class="deck-row">
              <input
                type="checkbox"
                id={`show-${deck.id}`}
                checked={deck.enabled}
                onChange={(event) =>
                  void updateDeck(db, deck.id, { enabled: event.currentTarget.checked }, Date.now())
                }
              />
              {renaming === deck.id ? (
                <RenameDeck
                  deck={deck}
                  onDone={() => setRenaming(undefined)}
                  onRename={(title) => updateDeck(db, deck.id, { title }, Date.now())}
                />
              ) : (
                <label class="deck-title" for={`show-${deck.id}`}>
                  {deck.title}{' '}
                  <span class="count">
                    {count('count.cards', cardCount)}
                    {deck.origin.kind === 'imported' && ` · ${i18n.t('deck.imported')}`}
                  </span>
                </label>
              )}
              <div class="note-actions">
                <button
                  type="button"
                  aria-label={i18n.t('deck.rename', [deck.title])}
                  onClick={() => setRenaming(deck.id)}
                >
                  {i18n.t('common.rename')}
                </button>
                <button
                  type="button"
                  aria-label={i18n.t('deck.delete', [deck.title])}
                  onClick={() => void deleteDeck(deck)}
                >
                  {i18n.t('common.delete')}
                </button>
                <DeckShareActions db={db} deck={deck} onToast={props.onToast} />
              </div>
            </div>
            <ol class="notes">
              {deckCards.map((card) => {
                const label = card.title || card.text.slice(0, 40);
                return (
                  <li key={card.id} class="note">
                    <span class="time">{formatTimestamp(card.start)}</span>
                    <p class="note-text">
                      <ConflictMark conflictOf={card.conflictOf} />
                      <span class="muted">{kindLabel(card.kind)} · </span>
                      {label}
                    </p>
                    <div class="note-actions">
                      <button
                        type="button"
                        aria-label={i18n.t('card.edit', [label])}
                        onClick={() => editCard(card)}
                      >
                        {i18n.t('common.edit')}
                      </button>
                      <button
                        type="button"
                        aria-label={i18n.t('card.delete', [label])}
                        onClick={() => void deleteCard(card)}
                      >
                        {i18n.t('common.delete')}
                      </button>
                      <CardPictureActions
                        card={card}
                        video={tabVideo.video}
                        label={label}
                        onToast={props.onToast}
                      />
                    </div>
                  </li>
                );
              })}
            </ol>
          </li>
        );
      })}
    </ul>
  );
}

function RenameDeck(props: {
  deck: DeckRecord;
  onRename: (title: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const [title, setTitle] = useState(props.deck.title);
  const [problem, setProblem] = useState<string>();
  async function save() {
    const trimmed = title.trim();
    if (!trimmed) return setProblem(i18n.t('deck.needsName'));
    if (trimmed.length > limits.deckTitle) {
      return setProblem(i18n.t('deck.nameTooLong', [formatNumber(limits.deckTitle)]));
    }
    await props.onRename(trimmed);
    props.onDone();
  }
  return (
    <form
      class="rename"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <input
        aria-label={i18n.t('deck.newName', [props.deck.title])}
        value={title}
        autoFocus
        onInput={(event) => {
          setTitle(event.currentTarget.value);
          setProblem(undefined);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            props.onDone();
          }
        }}
      />
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
