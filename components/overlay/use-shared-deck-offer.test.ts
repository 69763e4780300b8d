import { describe, expect, it } from 'vitest';
import { hasSharedDeck } from './use-shared-deck-offer';

describe('hasSharedDeck', () => {
  it('finds a deck in the fragment, alone or after other parameters', () => {
    expect(hasSharedDeck('https://example.com/watch#cuecards=eJw')).toBe(true);
    expect(hasSharedDeck('https://example.com/watch#t=83&cuecards=eJw')).toBe(true);
    expect(hasSharedDeck('https://example.com/watch#a=1&b=2&cuecards=')).toBe(true);
  });

  it('ignores an address without one', () => {
    expect(hasSharedDeck('https://example.com/watch')).toBe(false);
    expect(hasSharedDeck('https://example.com/watch#t=83')).toBe(false);
  });

  it('reads only the fragment, and only a parameter named cuecards', () => {
    expect(hasSharedDeck('https://example.com/watch?cuecards=eJw')).toBe(false);
    expect(hasSharedDeck('https://example.com/watch#mycuecards=eJw')).toBe(false);
  });
});
