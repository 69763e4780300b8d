import { describe, expect, it } from 'vitest';
import { hasSharedDeck, wasOpenedWithSharedDeck } from './use-shared-deck-offer';

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

describe('wasOpenedWithSharedDeck', () => {
  const link = 'https://blog.example/post#cuecards=abc';
  const frame = (options: { isTop: boolean; navigatedTo: string; address: string }) => {
    const win: { location: object; performance: object; top?: object } = {
      location: { href: options.address },
      performance: { getEntriesByType: () => [{ name: options.navigatedTo }] },
    };
    win.top = options.isTop ? win : {};
    return win as unknown as Window;
  };

  it('offers the link a top-level page was opened with', () => {
    expect(wasOpenedWithSharedDeck(frame({ isTop: true, navigatedTo: link, address: link }))).toBe(
      true,
    );
  });

  it('offers nothing in an embed, whatever its fragment', () => {
    expect(wasOpenedWithSharedDeck(frame({ isTop: false, navigatedTo: link, address: link }))).toBe(
      false,
    );
  });

  it('offers nothing for a fragment a script set after the page loaded', () => {
    const opened = 'https://blog.example/post';
    expect(
      wasOpenedWithSharedDeck(frame({ isTop: true, navigatedTo: opened, address: link })),
    ).toBe(false);
  });
});
