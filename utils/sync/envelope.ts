/**
 * Encryption of every file Cuecards puts on the viewer's server. The key comes from the
 * passphrase through a slow KDF (PBKDF2 is the one WebCrypto has in every browser), each file
 * is AES-GCM with a fresh IV and its own path bound in as associated data: a file altered,
 * swapped for another or moved to another path fails to open instead of being read.
 */

import { measured } from './measure';

const MAGIC = new TextEncoder().encode('CCS1');
const IV_BYTES = 12;
const SALT_BYTES = 16;
const ASSOCIATED_PREFIX = 'cuecards-sync/1\n';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about a second on a phone, once per connect. */
export const defaultIterations = 600_000;
const MIN_ITERATIONS = 100_000;
const MAX_ITERATIONS = 10_000_000;

export interface KeyParameters {
  name: 'PBKDF2';
  hash: 'SHA-256';
  iterations: number;
  /** base64 */
  salt: string;
}

export type EnvelopeProblem = 'not-ours' | 'altered';

/** A file that is not one of ours, or that was altered, moved or sealed with another key. */
export class EnvelopeError extends Error {
  constructor(
    readonly problem: EnvelopeProblem,
    readonly path: string,
  ) {
    super(`${problem}: ${path}`);
    this.name = 'EnvelopeError';
  }
}

export function newKeyParameters(
  random: (bytes: Uint8Array<ArrayBuffer>) => unknown = (bytes) => crypto.getRandomValues(bytes),
): KeyParameters {
  const salt = new Uint8Array(SALT_BYTES);
  random(salt);
  return { name: 'PBKDF2', hash: 'SHA-256', iterations: defaultIterations, salt: toBase64(salt) };
}

/** Whether parameters read from the server are ones we would make (a server may lie). */
export function areKeyParameters(value: unknown): value is KeyParameters {
  if (typeof value !== 'object' || value === null) return false;
  const { name, hash, iterations, salt } = value as Record<string, unknown>;
  return (
    name === 'PBKDF2' &&
    hash === 'SHA-256' &&
    Number.isInteger(iterations) &&
    (iterations as number) >= MIN_ITERATIONS &&
    (iterations as number) <= MAX_ITERATIONS &&
    typeof salt === 'string' &&
    fromBase64(salt)?.length === SALT_BYTES
  );
}

/** The AES-GCM key of a passphrase; it cannot be read back out of the browser. */
export async function deriveKey(passphrase: string, parameters: KeyParameters): Promise<CryptoKey> {
  const salt = fromBase64(parameters.salt);
  if (!salt) throw new Error('Bad salt');
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return measured('derive-key', () =>
    crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: parameters.hash, iterations: parameters.iterations, salt },
      material,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    ),
  );
}

export async function seal(
  key: CryptoKey,
  path: string,
  plaintext: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: associatedData(path) },
    key,
    plaintext,
  );
  const sealed = new Uint8Array(MAGIC.length + IV_BYTES + ciphertext.byteLength);
  sealed.set(MAGIC, 0);
  sealed.set(iv, MAGIC.length);
  sealed.set(new Uint8Array(ciphertext), MAGIC.length + IV_BYTES);
  return sealed;
}

export async function open(
  key: CryptoKey,
  path: string,
  sealed: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  // The tag alone is 16 bytes: anything shorter cannot be one of our files.
  if (sealed.length < MAGIC.length + IV_BYTES + 16 || MAGIC.some((byte, i) => sealed[i] !== byte)) {
    throw new EnvelopeError('not-ours', path);
  }
  try {
    const plaintext = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES),
        additionalData: associatedData(path),
      },
      key,
      sealed.subarray(MAGIC.length + IV_BYTES),
    );
    return new Uint8Array(plaintext);
  } catch {
    throw new EnvelopeError('altered', path);
  }
}

const associatedData = (path: string) => new TextEncoder().encode(ASSOCIATED_PREFIX + path);

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(text);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
