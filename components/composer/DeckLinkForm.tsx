import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { readShareLink } from '@/utils/formats/share-link';
import { sendRequest } from '@/utils/request';
import { ImportPreview } from '../transfer/ImportPreview';
import type { Session } from './Composer';

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
        <p class="heading">This share link cannot be read</p>
        <p class="problem" role="alert">
          {parsed?.error ?? 'There is no deck in this link.'}
        </p>
        <div class="footer">
          <button type="button" onClick={() => props.onClose(false)}>
            Close
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
    else setProblem(response?.error ?? 'The deck could not be imported.');
  }

  return (
    <form
      class="composer deck-link"
      aria-label="Shared deck"
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
      <p class="heading">Someone shared trivia cards for this video</p>
      <div class="deck-preview">
        <ImportPreview
          incoming={{
            kind: 'batch',
            source: 'share link',
            batch: { videos: [], notes: [], decks: [file] },
          }}
        />
        {isOtherVideo && (
          <p class="hint">These cards are for another video; they show when you play that one.</p>
        )}
      </div>
      <div class="footer">
        <p class="problem" role="alert">
          {problem}
        </p>
        <button type="button" onClick={() => props.onClose(false)}>
          Not now
        </button>
        <button type="submit" class="primary" ref={importButton} disabled={isImporting}>
          Import deck
        </button>
      </div>
    </form>
  );
}
