import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

/** Modules the overlay's bundle gets in place of the ones every other entry point gets. */
const overlayModules: Record<string, string> = {
  // `#i18n`, as WXT's alias has it by then. Its messages come with it from the worker: see
  // components/overlay/overlay-i18n.ts.
  [fileURLToPath(new URL('.wxt/i18n/index.ts', import.meta.url))]: fileURLToPath(
    new URL('components/overlay/overlay-i18n.ts', import.meta.url),
  ),
};

// Rendered from tools/icon.svg by tools/render-icons.sh.
const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // Set in the manifest below (data_collection_permissions); WXT looks for it elsewhere.
  suppressWarnings: { firefoxDataCollection: true },
  // The sources package is for a reviewer to rebuild the extension: test media and the
  // README's picture are not needed for that and made up most of its megabyte.
  zip: { excludeSources: ['e2e/pages/media/**', 'e2e/screenshots/**', '.bench/**'] },
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extension_name__',
    icons: ICONS,
    // WXT writes the popup into browser_action for MV2 and drops a configured `action` there.
    [manifestVersion === 2 ? 'browser_action' : 'action']: { default_icon: ICONS },
    description: '__MSG_extension_description__',
    default_locale: 'en',
    permissions: ['storage', 'scripting', 'contextMenus', 'alarms'],
    // The browser's "Options" entry opens the library, where the settings live.
    options_ui: { page: 'library.html', open_in_tab: true },
    host_permissions: ['<all_urls>'],
    commands: {
      'add-note': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: '__MSG_command_addNote__',
      },
      'add-card': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: '__MSG_command_addCard__',
      },
    },
    web_accessible_resources: [
      {
        resources: ['composer.html', 'notes.html'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'cuecards@cuecards.app',
              strict_min_version: '140.0',
              // Nothing leaves the device: notes and cards stay in the extension's storage.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((entrypoint) => entrypoint.name === 'overlay')) return;
      // A plugin, not an alias: WXT's own aliases are merged in later and would win.
      config.plugins = [
        ...(config.plugins ?? []),
        { name: 'cuecards-overlay-modules', enforce: 'pre', resolveId: (id) => overlayModules[id] },
      ];
    },
    // The detector runs in every frame of every page; see entrypoints/detector.ts for why it
    // is a plain script declared here instead of a WXT content script.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts = [
        ...(manifest.content_scripts ?? []),
        {
          matches: ['<all_urls>'],
          all_frames: true,
          run_at: 'document_start',
          js: ['detector.js'],
        },
      ];
    },
  },
});
