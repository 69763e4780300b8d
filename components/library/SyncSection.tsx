import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { sendRequest } from '@/utils/messaging/request';
import { formatNumber } from '@/utils/model/locale';
import { isAcceptedAddress, minPassphraseLength } from '@/utils/sync/connection-rules';
import type { SyncConnection } from '@/utils/sync/status';
import { type ConnectedStatus, problemSentence, syncStateLine } from '../sync/status-text';
import { useSyncStatus } from '../sync/use-sync-status';

/** Where the viewer was connected before, to connect again without typing it all. */
type Remembered = Pick<SyncConnection, 'address' | 'user'>;

/** Connect to the viewer's WebDAV server, see how sync is doing, sync now, or stop. */
export function SyncSection() {
  const status = useSyncStatus();
  const [remembered, setRemembered] = useState<Remembered>({ address: '', user: '' });
  return (
    <section aria-labelledby="sync-heading" class="sync">
      <h2 id="sync-heading">{i18n.t('sync.heading')}</h2>
      <p class="muted">{i18n.t('sync.intro')}</p>
      {status?.state === 'off' && <ConnectForm remembered={remembered} />}
      {status && status.state !== 'off' && (
        <Connected
          status={status}
          onDisconnecting={() => setRemembered({ address: status.address, user: status.user })}
        />
      )}
    </section>
  );
}

/** Why the form cannot be sent as it is, checked here so a typo costs no round trip. */
function formProblem(connection: SyncConnection): string | undefined {
  if (!connection.address || !connection.user || !connection.password) {
    return i18n.t('sync.fillEveryField');
  }
  if (!isAcceptedAddress(connection.address)) return problemSentence('bad-address');
  if (connection.passphrase.length < minPassphraseLength) {
    return problemSentence('short-passphrase');
  }
  return undefined;
}

/** Stays on “Connecting…” after the worker connects, until its stored status replaces the form. */
function ConnectForm(props: { remembered: Remembered }) {
  // Held in this form only: nothing typed is stored unless the worker connects.
  const [connection, setConnection] = useState<SyncConnection>({
    ...props.remembered,
    password: '',
    passphrase: '',
  });
  const [problem, setProblem] = useState<string>();
  const [isConnecting, setConnecting] = useState(false);

  const edit = (field: keyof SyncConnection) => (event: { currentTarget: HTMLInputElement }) =>
    setConnection({ ...connection, [field]: event.currentTarget.value });

  async function connect() {
    const typed = {
      ...connection,
      address: connection.address.trim(),
      user: connection.user.trim(),
    };
    const invalid = formProblem(typed);
    setProblem(invalid);
    if (invalid) return;
    setConnecting(true);
    const response = await sendRequest({ type: 'sync.connect', ...typed }).catch(() => undefined);
    const outcome = response?.ok ? response.value : undefined;
    if (outcome?.ok) return;
    setConnecting(false);
    setProblem(
      outcome
        ? problemSentence(outcome.problem)
        : response && !response.ok
          ? response.error
          : i18n.t('error.noAnswer'),
    );
  }

  return (
    <form
      class="sync-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void connect();
      }}
    >
      <label class="field">
        {i18n.t('sync.address')}
        <input
          type="url"
          autocomplete="url"
          spellcheck={false}
          value={connection.address}
          placeholder={i18n.t('sync.addressPlaceholder')}
          aria-describedby="sync-address-help"
          onInput={edit('address')}
        />
        <span id="sync-address-help" class="hint">
          {i18n.t('sync.addressHelp')}
        </span>
      </label>
      <label class="field">
        {i18n.t('sync.user')}
        <input
          autocomplete="username"
          autocapitalize="off"
          spellcheck={false}
          value={connection.user}
          onInput={edit('user')}
        />
      </label>
      <label class="field">
        {i18n.t('sync.password')}
        <input
          type="password"
          autocomplete="current-password"
          value={connection.password}
          aria-describedby="sync-password-help"
          onInput={edit('password')}
        />
        <span id="sync-password-help" class="hint">
          {i18n.t('sync.passwordHelp')}
        </span>
      </label>
      <label class="field">
        {i18n.t('sync.passphrase')}
        <input
          type="password"
          autocomplete="off"
          minLength={minPassphraseLength}
          value={connection.passphrase}
          aria-describedby="sync-passphrase-help"
          onInput={edit('passphrase')}
        />
        <span id="sync-passphrase-help" class="hint">
          {i18n.t('sync.passphraseHelp', [formatNumber(minPassphraseLength)])}
        </span>
      </label>
      <p class="muted">{i18n.t('sync.serverSees')}</p>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={isConnecting}>
          {isConnecting ? i18n.t('sync.connecting') : i18n.t('sync.connect')}
        </button>
      </div>
    </form>
  );
}

function Connected(props: { status: ConnectedStatus; onDisconnecting: () => void }) {
  const { status } = props;
  const [asking, setAsking] = useState<'sync.now' | 'sync.disconnect'>();
  const [problem, setProblem] = useState<string>();
  // Syncing from the click on, before the worker's stored status says so.
  const line = syncStateLine(asking === 'sync.now' ? { ...status, state: 'syncing' } : status);

  async function ask(type: 'sync.now' | 'sync.disconnect') {
    setAsking(type);
    setProblem(undefined);
    const response = await sendRequest({ type }).catch(() => undefined);
    setAsking(undefined);
    if (!response?.ok) setProblem(response ? response.error : i18n.t('error.noAnswer'));
  }

  return (
    <div class="sync-connected">
      <p class="sync-account">{i18n.t('sync.connectedTo', [status.address, status.user])}</p>
      <p class={line.isProblem ? 'problem' : undefined} role="status">
        {line.text}
      </p>
      <div class="actions">
        <button
          type="button"
          disabled={asking !== undefined || status.state === 'syncing'}
          onClick={() => void ask('sync.now')}
        >
          {i18n.t('sync.syncNow')}
        </button>
        <button
          type="button"
          disabled={asking !== undefined}
          aria-describedby="sync-disconnect-note"
          onClick={() => {
            props.onDisconnecting();
            void ask('sync.disconnect');
          }}
        >
          {i18n.t('sync.disconnect')}
        </button>
      </div>
      <p id="sync-disconnect-note" class="muted">
        {i18n.t('sync.disconnectNote')}
      </p>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
