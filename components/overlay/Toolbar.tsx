import { i18n } from '#i18n';
import { formatNumber } from '@/utils/model/locale';

export type Panel = 'notes' | 'cards';

/** The overlay's buttons: add a note or a card, and open the notes or the cards panel. */
export function Toolbar(props: {
  isVisible: boolean;
  noteCount: number;
  cardCount: number;
  openPanel: Panel | undefined;
  onAddNote: () => void;
  onAddCard: () => void;
  onTogglePanel: (panel: Panel) => void;
}) {
  return (
    <div class={`toolbar${props.isVisible ? ' is-visible' : ''}`}>
      <button
        type="button"
        class="add-note"
        aria-label={i18n.t('overlay.addNote')}
        title={i18n.t('overlay.addNoteHint')}
        onClick={props.onAddNote}
      >
        {i18n.t('overlay.addNoteButton')}
      </button>
      <button
        type="button"
        aria-label={i18n.t('overlay.addCard')}
        title={i18n.t('overlay.addCardHint')}
        onClick={props.onAddCard}
      >
        {i18n.t('overlay.addCardButton')}
      </button>
      <button
        type="button"
        aria-expanded={props.openPanel === 'notes'}
        onClick={() => props.onTogglePanel('notes')}
      >
        {i18n.t('overlay.notesButton', [formatNumber(props.noteCount)])}
      </button>
      <button
        type="button"
        aria-expanded={props.openPanel === 'cards'}
        onClick={() => props.onTogglePanel('cards')}
      >
        {i18n.t('overlay.cardsButton', [formatNumber(props.cardCount)])}
      </button>
    </div>
  );
}
