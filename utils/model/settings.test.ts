import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  defaultSettings,
  isSiteDisabled,
  loadSettings,
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
