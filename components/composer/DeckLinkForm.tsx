import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { readShareLink } from '@/utils/formats/share-link';
import { sendRequest } from '@/utils/messaging/request';
import { ImportPreview } from '../transfer/ImportPreview';
import type { Session } from './session';

/**
 * A deck that came in a share link, shown over the video. Nothing is written until the
 * viewer chooses Import; Esc or Not now leaves the store as it was.
 */
export function DeckLinkForm(props: { session: Session; onClose: (saved: boolean) => void }) {
  const { target, video } = props.session;
  const link = target.kind === 'deck' ? target.link : '';
  const parsed = useMemo(() => readShareLink(link), [link]);
  const [problem, setProblem] = useState<string>();
  const [isImporting, setImporting] = useState(false);
  const importButton = useRef<HTMLButtonElement>(null);

  useEffect(() => importButton.current?.focus(), []);

  if (!parsed?.ok) {
    return (
      <div class="composer deck-link">
        <p class="heading">{i18n.t('editor.unreadableLink')}</p>
        <p class="problem" role="alert">
          {parsed?.error ?? i18n.t('editor.noDeckInLink')}
        </p>
        <div class="footer">
          <button type="button" onClick={() => props.onClose(false)}>
            {i18n.t('common.close')}
          </button>
        </div>
      </div>
    );
  }
  const file = parsed.value;
  const isOtherVideo = file.video.key !== video.key;

  async function importDeck() {
    setImporting(true);
    const response = await sendRequest({
      type: 'deck.import',
      text: JSON.stringify(file),
      from: link.split('#')[0]!.slice(0, 4_096),
    });
    setImporting(false);
    if (response?.ok) props.onClose(true);
    else setProblem(response?.error ?? i18n.t('editor.importFailed'));
  }

  return (
    <form
      class="composer deck-link"
      aria-label={i18n.t('editor.sharedDeck')}
      onSubmit={(event) => {
        event.preventDefault();
        void importDeck();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          props.onClose(false);
        }
      }}
    >
      <p class="heading">{i18n.t('editor.someoneShared')}</p>
      <div class="deck-preview">
        <ImportPreview
          incoming={{
            kind: 'batch',
            source: 'share link',
            batch: { videos: [], notes: [], decks: [file] },
          }}
        />
        {isOtherVideo && <p class="hint">{i18n.t('editor.otherVideo')}</p>}
      </div>
      <div class="footer">
        <p class="problem" role="alert">
          {problem}
        </p>
        <button type="button" onClick={() => props.onClose(false)}>
          {i18n.t('common.notNow')}
        </button>
        <button type="submit" class="primary" ref={importButton} disabled={isImporting}>
          {i18n.t('editor.importDeck')}
        </button>
      </div>
    </form>
  );
}
