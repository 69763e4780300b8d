/**
 * The viewer's sync space on their server: a `Cuecards/` folder with one plain file,
 * `cuecards.json`, that says how the key is made from the passphrase (never the key or the
 * passphrase) and carries a sealed check, so a wrong passphrase is told before anything is
 * read or written. Each device then writes only in a folder of its own.
 */
import { minPassphraseLength } from './connection-rules';
import {
  areKeyParameters,
  deriveKey,
  EnvelopeError,
  type KeyParameters,
  newKeyParameters,
  open,
  seal,
} from './envelope';
import { isDeviceId } from './hlc';
import { RemoteError, type RemoteFolder, type RemoteProblem } from './webdav';

// The account's rule; it lives apart so the connect form can check it without the WebDAV client.
export { minPassphraseLength };

export const syncFolder = 'Cuecards';
export const accountPath = `${syncFolder}/cuecards.json`;
export const devicesFolder = `${syncFolder}/devices`;
export const deviceFolder = (device: string) => `${devicesFolder}/${device}`;

const ACCOUNT_FORMAT = 'cuecards-sync';
export const accountVersion = 1;
const CHECK_TEXT = 'Cuecards sync check';
const MAX_ACCOUNT_BYTES = 16 * 1024;

export type ConnectProblem =
  | RemoteProblem
  | 'short-passphrase'
  | 'wrong-passphrase'
  | 'not-cuecards'
  | 'newer-format';

export class ConnectError extends Error {
  constructor(readonly problem: ConnectProblem) {
    super(problem);
    this.name = 'ConnectError';
  }
}

export interface Account {
  key: CryptoKey;
  parameters: KeyParameters;
  /** True when this device made the space; false when it joined one made before. */
  isNew: boolean;
}

interface AccountFile {
  format: typeof ACCOUNT_FORMAT;
  version: number;
  key: KeyParameters;
  /** base64 of the check text sealed at the account's path. */
  check: string;
}

/**
 * Checks the server, makes the space if there is none, and opens it with the passphrase.
 * Nothing is written when the passphrase does not open a space already there.
 */
export async function openAccount(
  remote: RemoteFolder,
  passphrase: string,
  device: string,
  options: { newParameters?: () => KeyParameters } = {},
): Promise<Account> {
  if (passphrase.length < minPassphraseLength) throw new ConnectError('short-passphrase');
  if (!isDeviceId(device)) throw new Error(`Not a device id: ${device}`);
  try {
    const folder = await remote.list(`${syncFolder}/`);
    if (!folder) await remote.makeFolder(syncFolder);
    let text = await remote.read(accountPath, MAX_ACCOUNT_BYTES);
    let isNew = false;
    if (!text) {
      const parameters = (options.newParameters ?? newKeyParameters)();
      const key = await deriveKey(passphrase, parameters);
      const made = await accountFileBytes(key, parameters);
      isNew = await remote.create(accountPath, made);
      // Read back what is there: another device may have made the space a moment before.
      text = await remote.read(accountPath, MAX_ACCOUNT_BYTES);
      if (!text) throw new ConnectError('cannot-write');
      isNew &&= equalBytes(text, made);
    }
    const account = await unlock(text, passphrase);
    await remote.makeFolder(devicesFolder);
    await remote.makeFolder(deviceFolder(device));
    return { ...account, isNew };
  } catch (error) {
    if (error instanceof ConnectError) throw error;
    if (error instanceof RemoteError) throw new ConnectError(error.problem);
    throw error;
  }
}

async function accountFileBytes(key: CryptoKey, parameters: KeyParameters) {
  const check = await seal(key, accountPath, new TextEncoder().encode(CHECK_TEXT));
  const file: AccountFile = {
    format: ACCOUNT_FORMAT,
    version: accountVersion,
    key: parameters,
    check: btoa(String.fromCharCode(...check)),
  };
  return new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`);
}

async function unlock(
  bytes: Uint8Array<ArrayBuffer>,
  passphrase: string,
): Promise<Omit<Account, 'isNew'>> {
  let file: unknown;
  try {
    file = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ConnectError('not-cuecards');
  }
  const { format, version, key, check } = (file ?? {}) as Partial<AccountFile>;
  if (format !== ACCOUNT_FORMAT || typeof version !== 'number') {
    throw new ConnectError('not-cuecards');
  }
  if (version > accountVersion) throw new ConnectError('newer-format');
  if (!areKeyParameters(key) || typeof check !== 'string') throw new ConnectError('not-cuecards');
  let sealed: Uint8Array<ArrayBuffer>;
  try {
    sealed = Uint8Array.from(atob(check), (c) => c.charCodeAt(0));
  } catch {
    throw new ConnectError('not-cuecards');
  }
  const derived = await deriveKey(passphrase, key);
  try {
    const opened = await open(derived, accountPath, sealed);
    if (new TextDecoder().decode(opened) !== CHECK_TEXT) throw new ConnectError('wrong-passphrase');
  } catch (error) {
    if (error instanceof EnvelopeError) throw new ConnectError('wrong-passphrase');
    throw error;
  }
  return { key: derived, parameters: key };
}

const equalBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);
