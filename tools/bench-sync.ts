import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { startFaultProxy } from '../e2e/fault-proxy.ts';
import { extensionIdOf, extensionWorker, launchBrowser, makeUserDataDir } from '../e2e/fixtures.ts';
import { editorField, waitForOverlay } from '../e2e/overlay.ts';
import type { Servers } from '../e2e/server.ts';
import { startApache } from '../e2e/webdav-servers.ts';
import { browserQuiet, largeBackup, NOTES, restoreBackup } from './bench-transfer.ts';

type Record_ = (name: string, value: number, unit: string, target: number | undefined) => void;

const PASSPHRASE = 'bench passphrase, long enough';
const NEW_NOTE = 'One more note, sent to the other device';

interface Profile {
  context: BrowserContext;
  extensionId: string;
  /** The extension page that asks for the rounds: the library to restore, else the popup. */
  page: Page;
}

/**
 * Rounds are asked for from the popup (open as a tab), where a viewer finds *Sync now* too:
 * with the library open, its live lists and tags re-read 100,000 notes after each write, and
 * the worker's next turn at the database waited behind them (1.6 s after a one-note merge,
 * whose own work took 17 ms): that timed the library, not sync.
 */
async function openProfile(
  servers: Servers,
  extension: string,
  userDataDir: string,
  pageName: 'library' | 'popup' = 'popup',
) {
  const context = await launchBrowser({ httpsPort: servers.httpsPort, extension, userDataDir });
  // Handing the 28 MB backup to the file input took over the default 30 s on a busy machine.
  context.setDefaultTimeout(120_000);
  const extensionId = extensionIdOf(await extensionWorker(context));
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${pageName}.html`);
  return { context, extensionId, page } satisfies Profile;
}

interface TimedRound {
  /** From the connect request to its answer (key derivation, versions of every record). */
  connectMs?: number;
  /** From the connect request, or the sync.now request, to the round's answer. */
  totalMs: number;
  status: { state: string; syncedAt?: number; error?: unknown };
}

/** Sends `sync.connect` (when given) then `sync.now` from an extension page, timed in the page. */
async function timeRound(page: Page, connection?: object): Promise<TimedRound> {
  const round = (await page.evaluate(`(async () => {
    const connection = ${JSON.stringify(connection ?? null)};
    const started = performance.now();
    let connectMs;
    if (connection) {
      const connected = await chrome.runtime.sendMessage({ type: 'sync.connect', ...connection });
      if (!connected?.ok || !connected.value.ok) throw new Error(JSON.stringify(connected));
      connectMs = performance.now() - started;
    }
    const answer = await chrome.runtime.sendMessage({ type: 'sync.now' });
    if (!answer?.ok) throw new Error(JSON.stringify(answer));
    return { connectMs, totalMs: performance.now() - started, status: answer.value };
  })()`)) as TimedRound;
  const { status } = round;
  if (status.state !== 'idle' || !status.syncedAt || status.error) {
    throw new Error(`The round did not complete: ${JSON.stringify(status)}`);
  }
  return round;
}

/** Notes in the profile's database, and whether one has `text`, read beside the store. */
function notesIn(page: Page, text: string): Promise<{ count: number; hasText: boolean }> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const request = indexedDB.open('cuecards');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const notes = request.result.transaction('notes').objectStore('notes').getAll();
      notes.onerror = () => reject(notes.error);
      notes.onsuccess = () => {
        const rows = notes.result.filter((note) => !note.deleted);
        request.result.close();
        resolve({ count: rows.length, hasText: rows.some((note) => note.text === ${JSON.stringify(text)}) });
      };
    };
  })`) as Promise<{ count: number; hasText: boolean }>;
}

/** Sync's steps in the worker since the last call (see utils/sync/measure.ts), summed by step. */
async function workerSteps(context: BrowserContext): Promise<string> {
  const worker = await extensionWorker(context);
  const entries = (await worker.evaluate(`(() => {
    const entries = performance.getEntriesByType('measure')
      .filter((entry) => entry.name.startsWith('cuecards:sync-'))
      .map((entry) => [entry.name.slice('cuecards:sync-'.length), entry.duration]);
    performance.clearMeasures();
    return entries;
  })()`)) as [string, number][];
  const byStep = new Map<string, { ms: number; count: number }>();
  for (const [step, ms] of entries) {
    const sum = byStep.get(step) ?? { ms: 0, count: 0 };
    byStep.set(step, { ms: sum.ms + ms, count: sum.count + 1 });
  }
  return [...byStep]
    .map(([step, { ms, count }]) => `${step} ${ms.toFixed(0)}${count > 1 ? ` (${count}x)` : ''}`)
    .join(', ');
}

/** A new note on the page's video, through the overlay's editor; ms from Enter to its save. */
async function addNote(page: Page, text: string): Promise<number> {
  await page.keyboard.press('Alt+Shift+N');
  await editorField(page).waitFor({ timeout: 10_000 });
  await page.keyboard.insertText(text);
  const frame = page.frames().find((f) => f.url().includes('composer.html'));
  if (!frame) throw new Error('No composer frame');
  await frame.evaluate(`(() => {
    window.cuecardsBenchSave = new Promise((resolve) => {
      const measure = performance.measure.bind(performance);
      performance.measure = (...args) => {
        const entry = measure(...args);
        if (entry.name === 'cuecards:note-save') resolve(entry.duration);
        return entry;
      };
    });
  })()`);
  const saved = frame.evaluate('window.cuecardsBenchSave') as Promise<number>;
  await page.keyboard.press('Enter');
  const ms = await saved;
  await page.locator('iframe[title="Cuecards note editor"]').waitFor({ state: 'detached' });
  return ms;
}

/**
 * Sync of 100,000 notes through a loopback Apache server, the engine in each browser's worker,
 * the key made with the default 600,000 rounds of PBKDF2. Device A holds the large backup and
 * connects first (its first upload); a fresh device B connects and downloads it all; then one
 * new note on A reaches B. The machine has two cores, so the two profiles run one after the
 * other: the one-change figure is A's save and round plus B's round, each timed in its page.
 * Requests go through the tests' proxy, which counts what is uploaded.
 */
export async function measureSync(
  servers: Servers,
  extension: string,
  record: Record_,
  restoreMs: number | undefined,
) {
  const apache = await startApache();
  const proxy = await startFaultProxy(apache.url);
  const connection = {
    address: proxy.url,
    user: apache.user,
    password: apache.password,
    passphrase: PASSPHRASE,
  };
  const dirA = makeUserDataDir();
  const dirB = makeUserDataDir();
  const close = async (profile: Profile | undefined) => profile?.context.close();
  let profile: Profile | undefined;
  try {
    // Device A: the backup restored, then connected in a later session, once the browser is quiet.
    profile = await openProfile(servers, extension, dirA, 'library');
    const restored = await restoreBackup(
      profile.page,
      profile.extensionId,
      Buffer.from(largeBackup()),
    );
    const restoreHere = restored.readMs + restored.writeMs;
    await close(profile);
    profile = await openProfile(servers, extension, dirA);
    await browserQuiet(dirA);
    await workerSteps(profile.context);
    const upload = await timeRound(profile.page, connection);
    console.log(
      `sync first upload: connect ${upload.connectMs!.toFixed(0)} ms, ` +
        `round ${(upload.totalMs - upload.connectMs!).toFixed(0)} ms; ` +
        `worker: ${await workerSteps(profile.context)}`,
    );
    const uploaded = proxy.forwarded.reduce((sum, request) => sum + request.bytes, 0);
    console.log(`sync first upload: ${(uploaded / 1e6).toFixed(1)} MB uploaded`);
    record('sync_first_upload_100k_ms', Math.round(upload.totalMs), 'ms', 10_000);
    await close(profile);
    profile = undefined;

    // Device B: a fresh profile joins the space.
    profile = await openProfile(servers, extension, dirB);
    await browserQuiet(dirB);
    await workerSteps(profile.context);
    const download = await timeRound(profile.page, connection);
    console.log(
      `sync first download: connect ${download.connectMs!.toFixed(0)} ms, ` +
        `round ${(download.totalMs - download.connectMs!).toFixed(0)} ms; ` +
        `worker: ${await workerSteps(profile.context)}`,
    );
    const downloaded = await notesIn(profile.page, NEW_NOTE);
    if (downloaded.count !== NOTES) {
      throw new Error(`Device B holds ${downloaded.count} notes after its first round`);
    }
    const restoreFigure = restoreMs ?? restoreHere;
    record(
      'sync_first_download_100k_ms',
      Math.round(download.totalMs),
      'ms',
      Math.round(1.3 * restoreFigure),
    );
    await close(profile);
    profile = undefined;

    // Device A again: it reads what B wrote (its rounds at start-up and one more), then a note.
    profile = await openProfile(servers, extension, dirA);
    const video = await profile.context.newPage();
    await video.goto(`${servers.blog}/plain.html`, { waitUntil: 'load' });
    await waitForOverlay(video);
    await browserQuiet(dirA);
    await timeRound(profile.page);
    await browserQuiet(dirA);
    await workerSteps(profile.context);
    await video.bringToFront();
    const saveMs = await addNote(video, NEW_NOTE);
    const before = proxy.forwarded.length;
    const sent = await timeRound(profile.page);
    const requests = proxy.forwarded.slice(before);
    console.log(
      `sync one change on A: save ${saveMs.toFixed(0)} ms, round ${sent.totalMs.toFixed(0)} ms; ` +
        `worker: ${await workerSteps(profile.context)}; requests: ` +
        requests.map((request) => `${request.method} ${request.bytes}`).join(', '),
    );
    const bytes = requests.reduce((sum, request) => sum + request.bytes, 0);
    await close(profile);
    profile = undefined;

    // Device B again, its rounds at start-up refused by the proxy so that the timed round is
    // the one that brings the note.
    proxy.decideWith(() => ({ kind: 'status', status: 503 }));
    profile = await openProfile(servers, extension, dirB);
    await browserQuiet(dirB);
    proxy.decideWith(undefined);
    await workerSteps(profile.context);
    const merged = await timeRound(profile.page);
    console.log(
      `sync one change on B: round ${merged.totalMs.toFixed(0)} ms; ` +
        `worker: ${await workerSteps(profile.context)}`,
    );
    const after = await notesIn(profile.page, NEW_NOTE);
    if (after.count !== NOTES + 1 || !after.hasText) {
      throw new Error(`Device B did not merge the new note: ${JSON.stringify(after)}`);
    }
    record('sync_one_change_ms', Math.round(saveMs + sent.totalMs + merged.totalMs), 'ms', 300);
    record('sync_one_change_bytes', bytes, 'bytes', 4_096);
  } finally {
    await close(profile);
    await proxy.stop();
    await apache.stop();
    for (const dir of [dirA, dirB]) {
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    }
  }
}
