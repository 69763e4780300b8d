import { describe, expect, it } from 'vitest';
import { fnv1aOffsetBasis, fnv1aStep } from './fnv1a';

const fnv1aOfUnits = (text: string) => {
  let hash = fnv1aOffsetBasis;
  for (let index = 0; index < text.length; index++) hash = fnv1aStep(hash, text.charCodeAt(index));
  return hash >>> 0;
};

describe('fnv1aStep', () => {
  // Test vectors from the FNV reference (draft-eastlake-fnv), 32-bit FNV-1a.
  it('gives the reference hashes of "", "a" and "foobar"', () => {
    expect(fnv1aOfUnits('')).toBe(0x811c9dc5);
    expect(fnv1aOfUnits('a')).toBe(0xe40c292c);
    expect(fnv1aOfUnits('foobar')).toBe(0xbf9cf968);
  });

  it('stays a signed 32-bit integer after every step', () => {
    let hash = fnv1aOffsetBasis;
    for (const unit of [0, 0x7f, 0xff, 0xd83d, 0xffff]) {
      hash = fnv1aStep(hash, unit);
      expect(hash | 0).toBe(hash);
    }
  });
});
