import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { sendRequest } from '@/utils/messaging/request';
import type { SyncStatus } from '@/utils/sync/status';
import { syncStateLine } from '../sync/status-text';

/** How sync is doing, with Sync now: shown only while sync is on. */
export function SyncLine(props: { status: SyncStatus | undefined }) {
  const { status } = props;
  const [problem, setProblem] = useState<string>();
  const [isAsking, setAsking] = useState(false);
  if (!status || status.state === 'off') return null;
  // Syncing from the click on, before the worker's stored status says so.
  const line = syncStateLine(isAsking ? { ...status, state: 'syncing' } : status);

  async function syncNow() {
    setAsking(true);
    setProblem(undefined);
    const response = await sendRequest({ type: 'sync.now' }).catch(() => undefined);
    setAsking(false);
    if (!response?.ok) setProblem(response ? response.error : i18n.t('error.noAnswer'));
  }

  return (
    <section class="sync-line" aria-label={i18n.t('sync.heading')}>
      <p class={problem || line.isProblem ? 'problem' : 'muted'} role="status">
        {problem ?? line.text}
      </p>
      <button
        type="button"
        disabled={isAsking || status.state === 'syncing'}
        onClick={() => void syncNow()}
      >
        {i18n.t('sync.syncNow')}
      </button>
    </section>
  );
}

/** A quiet way to the library's Sync section while sync is off. */
export function SyncOffLink(props: { status: SyncStatus | undefined }) {
  if (props.status?.state !== 'off') return null;
  const url = browser.runtime.getURL('/library.html#sync');
  return (
    <p class="sync-off">
      <a
        href={url}
        target="_blank"
        rel="noopener"
        onClick={(event) => {
          event.preventDefault();
          void browser.tabs.create({ url }).then(() => window.close());
        }}
      >
        {i18n.t('sync.off')}
      </a>
    </p>
  );
}
