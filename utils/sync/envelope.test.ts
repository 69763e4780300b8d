import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  areKeyParameters,
  defaultIterations,
  deriveKey,
  EnvelopeError,
  type KeyParameters,
  newKeyParameters,
  open,
  seal,
} from './envelope';

// The real iteration count is checked below; the rest use a fast key so the suite stays quick.
const fast: KeyParameters = { ...newKeyParameters(), iterations: 100_000 };
let key: CryptoKey;
let otherKey: CryptoKey;
const bytes = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  key = await deriveKey('correct horse battery staple', fast);
  otherKey = await deriveKey('correct horse battery stapler', fast);
});

async function problemOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'opened';
  } catch (error) {
    return error instanceof EnvelopeError ? error.problem : String(error);
  }
}

describe('sync envelope', () => {
  it('opens what it sealed, at the same path, for any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), fc.string(), async (data, path) => {
        const plain = new Uint8Array(data);
        expect(await open(key, path, await seal(key, path, plain))).toEqual(plain);
      }),
      { numRuns: 50 },
    );
  });

  it('never shows the plaintext, and seals the same text differently each time', async () => {
    const plain = bytes('Wyoming doubled for Russia in Rocky IV');
    const a = await seal(key, 'Cuecards/d1/log/1', plain);
    const b = await seal(key, 'Cuecards/d1/log/1', plain);
    expect(new TextDecoder('latin1').decode(a)).not.toContain('Wyoming');
    expect(a).not.toEqual(b);
  });

  it('refuses a file moved to another path', async () => {
    const sealed = await seal(key, 'Cuecards/d1/log/1', bytes('note'));
    expect(await problemOf(open(key, 'Cuecards/d1/log/2', sealed))).toBe('altered');
  });

  it('refuses a file with any one byte changed', async () => {
    const sealed = await seal(key, 'p', bytes('a note about the montage'));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(sealed.length - 1),
        fc.integer({ min: 1, max: 255 }),
        async (at, flip) => {
          const altered = sealed.slice();
          altered[at]! ^= flip;
          expect(['altered', 'not-ours']).toContain(await problemOf(open(key, 'p', altered)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a file sealed with another passphrase', async () => {
    const sealed = await seal(otherKey, 'p', bytes('note'));
    expect(await problemOf(open(key, 'p', sealed))).toBe('altered');
  });

  it('says a file that is not one of ours is not ours', async () => {
    expect(await problemOf(open(key, 'p', bytes('<html>404</html>, a proxy page')))).toBe(
      'not-ours',
    );
    expect(await problemOf(open(key, 'p', new Uint8Array()))).toBe('not-ours');
  });

  it('derives the same key from the same passphrase, however its accents are composed', async () => {
    const composed = await deriveKey('Ação', fast);
    const decomposed = await deriveKey('A\u0063\u0327a\u0303o', fast);
    const sealed = await seal(composed, 'p', bytes('x'));
    expect(await open(decomposed, 'p', sealed)).toEqual(bytes('x'));
  });

  it('makes new parameters with a fresh salt and the slow iteration count', async () => {
    const a = newKeyParameters();
    const b = newKeyParameters();
    expect(a.salt).not.toBe(b.salt);
    expect(a.iterations).toBe(defaultIterations);
    expect(areKeyParameters(a)).toBe(true);
    const slow = await deriveKey('pass', a);
    expect(await open(slow, 'p', await seal(slow, 'p', bytes('y')))).toEqual(bytes('y'));
  });

  it('refuses parameters from a server that would weaken the key', () => {
    const good = newKeyParameters();
    expect(areKeyParameters({ ...good, iterations: 1 })).toBe(false);
    expect(areKeyParameters({ ...good, iterations: 1e12 })).toBe(false);
    expect(areKeyParameters({ ...good, hash: 'SHA-1' })).toBe(false);
    expect(areKeyParameters({ ...good, salt: 'AA==' })).toBe(false);
    expect(areKeyParameters({ ...good, salt: '!!' })).toBe(false);
    expect(areKeyParameters(null)).toBe(false);
    expect(areKeyParameters('PBKDF2')).toBe(false);
  });
});
