import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { connectNotesList } from '@/utils/background/notes-list-sessions';
import { createOverlayHub } from '@/utils/background/overlay-hub';
import { createRouter } from '@/utils/background/router';
import { holdTabKeys } from '@/utils/background/tab-key-hold';
import { notesListPortName } from '@/utils/messaging/protocol';
import { installLocalePack, makeLocalePack } from '@/utils/model/locale-pack';
import { onAnyWrite } from '@/utils/store/changes';
import { openDatabase } from '@/utils/store/database';
import { createSyncEngine } from '@/utils/sync/engine';
import { syncStatusItem } from '@/utils/sync/status';

const clipMenuId = 'clip-card';
const syncAlarm = 'sync';
// A change is sent this long after the last write, so a burst of edits goes in one batch.
const sendDelayMs = 3_000;

export default defineBackground({
  type: 'module',
  main() {
    const db = openDatabase();
    const hub = createOverlayHub(
      db,
      browser.runtime.id,
      async (tabId, frameId) => {
        // Read in the extension's isolated world: the page cannot redefine `location` there.
        const [answer] = await browser.scripting
          .executeScript({ target: { tabId, frameIds: [frameId] }, func: () => location.href })
          .catch(() => []);
        return typeof answer?.result === 'string' ? answer.result : undefined;
      },
      (tabId, frameId, token) => void router.editorReported(tabId, frameId, token),
    );
    const sync = createSyncEngine(db, { publish: (status) => syncStatusItem.setValue(status) });
    const router = createRouter({
      db,
      hub,
      extensionId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      async injectOverlay(tabId, frameIds) {
        // Its words first, so the overlay asks the browser nothing synchronously as it starts.
        const pack = await makeLocalePack().catch(() => undefined);
        if (pack) {
          await browser.scripting.executeScript({
            target: { tabId, frameIds },
            func: installLocalePack,
            args: [pack],
          });
        }
        await browser.scripting.executeScript({
          target: { tabId, frameIds },
          files: ['/content-scripts/overlay.js'],
        });
      },
      async openTab(url, openerTabId) {
        const opener = await browser.tabs.get(openerTabId).catch(() => undefined);
        await browser.tabs.create({
          url,
          openerTabId,
          ...(opener ? { index: opener.index + 1, windowId: opener.windowId } : {}),
        });
      },
      async framesWithVideo(tabId) {
        const results = await browser.scripting.executeScript({
          target: { tabId, allFrames: true },
          func: () => document.querySelector('video') !== null,
        });
        return results.filter((result) => result.result === true).map((result) => result.frameId);
      },
      sync,
      async holdKeys(tabId, isHeld) {
        await browser.scripting
          .executeScript({ target: { tabId, allFrames: true }, func: holdTabKeys, args: [isHeld] })
          .catch(() => undefined);
      },
    });

    /** A round by itself, unless sync is off or backing off after an error. */
    async function syncIfDue() {
      if (await sync.isDue()) await sync.syncNow();
    }

    async function runCommand(name: string) {
      if (name !== 'add-note' && name !== 'add-card') return false;
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id === undefined ? false : router.runCommand(tab.id, name);
    }

    async function clickContextMenu(
      info: {
        menuItemId: string | number;
        selectionText?: string;
        frameId?: number;
        frameUrl?: string;
        pageUrl?: string;
      },
      tab?: { id?: number },
    ) {
      if (info.menuItemId !== clipMenuId || tab?.id === undefined || !info.selectionText) {
        return false;
      }
      const url = info.frameUrl ?? info.pageUrl;
      return router.clipSelection(tab.id, info.selectionText, url, info.frameId);
    }

    // Listeners are registered synchronously: events are what wake a stopped worker.
    browser.runtime.onMessage.addListener((message, sender) => router.onMessage(message, sender));
    browser.runtime.onConnect.addListener((port) => {
      if (port.name === notesListPortName) connectNotesList(port, hub, browser.runtime.getURL('/'));
      else if (!hub.connect(port)) port.disconnect();
    });
    browser.commands.onCommand.addListener((name) => void runCommand(name));
    browser.contextMenus.onClicked.addListener((info, tab) => void clickContextMenu(info, tab));
    // Chromium keeps the menu, title and all, across restarts and Firefox forgets it; a change
    // of the browser's language shows at a restart, so the menu is made again then.
    const showClipMenu = async () => {
      await browser.contextMenus.removeAll();
      browser.contextMenus.create({
        id: clipMenuId,
        title: i18n.t('menu.clipCard'),
        contexts: ['selection'],
      });
    };
    browser.runtime.onInstalled.addListener(() => void showClipMenu());
    browser.runtime.onStartup.addListener(() => void showClipMenu());

    // Changes from other devices arrive on the timer and when the browser starts; this
    // device's changes leave a few seconds after they are made, from whichever page made them.
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === syncAlarm) void syncIfDue();
    });
    browser.runtime.onStartup.addListener(() => void syncIfDue());
    // A worker stopped mid-round left "syncing" behind; the round resumes at the next one.
    void syncStatusItem.getValue().then(async (shown) => {
      if (shown.state === 'syncing') await syncStatusItem.setValue(await sync.status());
    });
    void browser.alarms.get(syncAlarm).then((alarm) => {
      if (!alarm) void browser.alarms.create(syncAlarm, { periodInMinutes: 1 });
    });
    let sendTimer: ReturnType<typeof setTimeout> | undefined;
    onAnyWrite(() => {
      clearTimeout(sendTimer);
      sendTimer = setTimeout(() => void sendIfWaiting(), sendDelayMs);
    });
    async function sendIfWaiting() {
      const status = await sync.status();
      if (status.state !== 'off' && status.waiting > 0) await syncIfDue();
    }

    // Browser commands and native menus cannot be driven by automation; end-to-end tests
    // call these instead.
    Object.assign(globalThis, {
      cuecardsRunCommand: runCommand,
      cuecardsClickContextMenu: clickContextMenu,
      cuecardsSyncAlarm: syncIfDue,
    });
  },
});
