import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  defaultSettings,
  isSiteDisabled,
  lastBackupItem,
  loadSettings,
  mutedCardsItem,
  normalizeSettings,
  settingsItem,
  siteOf,
} from './settings';

describe('settings', () => {
  it('starts from the defaults', async () => {
    fakeBrowser.reset();
    expect(await loadSettings()).toEqual(defaultSettings);
    expect(defaultSettings).toMatchObject({
      pauseWhileTyping: true,
      showCards: true,
      showMarkers: true,
      rewindSeconds: 0,
      theme: 'system',
      disabledSites: [],
    });
  });

  it('keeps what an older version stored and fills in what it did not know', async () => {
    fakeBrowser.reset();
    // What the first version wrote: five settings, no theme, markers or rewind.
    await fakeBrowser.storage.local.set({
      settings: {
        pauseWhileTyping: false,
        showCards: true,
        cardCorner: 'bottom-right',
        pauseOnCard: true,
        defaultCardSeconds: 12,
      },
    });
    expect(await loadSettings()).toEqual({
      ...defaultSettings,
      pauseWhileTyping: false,
      cardCorner: 'bottom-right',
      pauseOnCard: true,
      defaultCardSeconds: 12,
    });
    await settingsItem.setValue({ ...defaultSettings, theme: 'dark' });
    expect((await loadSettings()).theme).toBe('dark');
  });

  it('replaces a bad value by its default and drops unknown keys', () => {
    expect(
      normalizeSettings({
        theme: 'purple',
        rewindSeconds: -3,
        defaultCardSeconds: 8.5,
        disabledSites: ['example.com', '<script>'],
        __proto__: { polluted: true },
        extra: 1,
      }),
    ).toEqual(defaultSettings);
    expect(normalizeSettings(null)).toEqual(defaultSettings);
    expect(normalizeSettings({ disabledSites: ['example.com'] }).disabledSites).toEqual([
      'example.com',
    ]);
  });
});

describe('sites where Cuecards stays off', () => {
  it('reads a site as typed', () => {
    expect(siteOf('https://www.YouTube.com/watch?v=x')).toBe('youtube.com');
    expect(siteOf('blog.example.org')).toBe('blog.example.org');
    expect(siteOf('  ')).toBeUndefined();
    expect(siteOf('not a site')).toBeUndefined();
    expect(siteOf('localhost')).toBeUndefined();
  });

  it('covers the site and its subdomains, nothing else', () => {
    const sites = ['example.com'];
    expect(isSiteDisabled('example.com', sites)).toBe(true);
    expect(isSiteDisabled('www.example.com', sites)).toBe(true);
    expect(isSiteDisabled('notexample.com', sites)).toBe(false);
    expect(isSiteDisabled('example.com.evil.net', sites)).toBe(false);
  });
});

describe('what a content script could have written to storage.local', () => {
  it('is read back as settings, muted videos and a backup time within bounds', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({
      settings: { rewindSeconds: 1e9, theme: '<img src=x>', disabledSites: 'everything' },
      mutedCards: {
        'yt:dQw4w9WgXcQ': true,
        __proto__: true,
        'not a key': true,
        'vimeo:1': 'yes',
        [`url:https://a.example/${'x'.repeat(5_000)}`]: true,
      },
      lastBackupAt: 8.64e15,
    });
    expect(await settingsItem.getValue()).toEqual(defaultSettings);
    expect(await loadSettings()).toEqual(defaultSettings);
    expect(await mutedCardsItem.getValue()).toEqual({ 'yt:dQw4w9WgXcQ': true });
    expect(await lastBackupItem.getValue()).toBe(0);
  });

  it('is checked when it changes too', async () => {
    fakeBrowser.reset();
    const seen: unknown[] = [];
    const stop = mutedCardsItem.watch((value) => seen.push(value));
    await fakeBrowser.storage.local.set({ mutedCards: ['yt:dQw4w9WgXcQ'] });
    await new Promise((resolve) => setTimeout(resolve));
    stop();
    expect(seen).toEqual([{}]);
  });

  it('keeps at most ten thousand muted videos', async () => {
    fakeBrowser.reset();
    const many = Object.fromEntries(
      Array.from({ length: 10_050 }, (_, i) => [`yt:${String(i).padStart(11, '0')}`, true]),
    );
    await fakeBrowser.storage.local.set({ mutedCards: many });
    expect(Object.keys(await mutedCardsItem.getValue())).toHaveLength(10_000);
  });
});
