import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { readShareLink } from '@/utils/formats/share-link';
import type { SharedDeckOffer } from '@/utils/messaging/protocol';
import { sendRequest } from '@/utils/messaging/request';
import { ImportPreview } from '../transfer/ImportPreview';

/** Back to the tab the link was opened in, and this tab goes: the viewer has chosen. */
async function finish(offer: SharedDeckOffer | undefined) {
  if (offer) await browser.tabs.update(offer.tabId, { active: true }).catch(() => undefined);
  const self = await browser.tabs.getCurrent();
  if (self?.id !== undefined) await browser.tabs.remove(self.id);
}

/**
 * The deck of a share link, in a tab of its own: the page the link was opened on can neither
 * cover this tab nor click in it, so the deck is imported only when the viewer chooses to.
 */
export function SharedDeckPage(props: { token: string }) {
  const [offer, setOffer] = useState<SharedDeckOffer>();
  const [problem, setProblem] = useState<string>();
  const [isImporting, setImporting] = useState(false);

  useEffect(() => {
    void sendRequest({ type: 'share.offer', token: props.token }).then((response) => {
      if (response?.ok) setOffer(response.value);
      else setProblem(response?.error ?? i18n.t('error.noSharedDeck'));
    });
  }, [props.token]);
  const parsed = useMemo(() => (offer ? readShareLink(offer.link) : undefined), [offer]);

  if (!offer) {
    return (
      <main>
        <p class="problem" role="alert">
          {problem}
        </p>
      </main>
    );
  }
  if (!parsed?.ok) {
    return (
      <main>
        <h1>{i18n.t('editor.unreadableLink')}</h1>
        <p class="problem" role="alert">
          {parsed?.error ?? i18n.t('editor.noDeckInLink')}
        </p>
        <div class="actions">
          <button type="button" onClick={() => void finish(offer)}>
            {i18n.t('common.close')}
          </button>
        </div>
      </main>
    );
  }
  const file = parsed.value;

  async function importDeck() {
    setImporting(true);
    const response = await sendRequest({
      type: 'deck.import',
      text: JSON.stringify(file),
      from: offer!.link.split('#')[0]!.slice(0, 4_096),
    });
    setImporting(false);
    if (response?.ok) await finish(offer);
    else setProblem(response?.error ?? i18n.t('editor.importFailed'));
  }

  return (
    <main>
      <h1>{i18n.t('editor.someoneShared')}</h1>
      <p class="muted">{i18n.t('sharedDeck.openedOn', [offer.link.split('#')[0]!])}</p>
      <ImportPreview
        incoming={{
          kind: 'batch',
          source: 'share link',
          batch: { videos: [], notes: [], decks: [file] },
        }}
      />
      {file.video.key !== offer.video.key && <p class="hint">{i18n.t('editor.otherVideo')}</p>}
      <p class="problem" role="alert">
        {problem}
      </p>
      <div class="actions">
        <button type="button" onClick={() => void finish(offer)}>
          {i18n.t('common.notNow')}
        </button>
        <button
          type="button"
          class="primary"
          disabled={isImporting}
          onClick={() => void importDeck()}
        >
          {i18n.t('editor.importDeck')}
        </button>
      </div>
    </main>
  );
}
