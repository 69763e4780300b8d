import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

// The always-on detector must stay tiny: it uses the native promise-based runtime API,
// so its bundle gets WXT's plain `browser` instead of webextension-polyfill.
const nativeBrowser = fileURLToPath(import.meta.resolve('wxt/browser'));

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Cuecards',
    description: 'Timestamped notes and trivia cards over any video.',
    permissions: ['storage', 'scripting', 'contextMenus'],
    host_permissions: ['<all_urls>'],
    commands: {
      'add-note': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Add a note at the current time',
      },
      'add-card': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: 'Add a trivia card at the current time',
      },
    },
    web_accessible_resources: [
      {
        resources: ['composer.html'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'cuecards@cuecards.app', strict_min_version: '128.0' },
          },
        }
      : {}),
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.length !== 1 || entrypoints[0]?.name !== 'detector') return;
      const alias = config.resolve?.alias;
      if (alias && !Array.isArray(alias)) {
        (alias as Record<string, string>)['wxt/browser'] = nativeBrowser;
      }
    },
  },
});
