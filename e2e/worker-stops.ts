// Note saves with the extension's worker stopped at random moments around them, as Chromium
// may stop it at any time. Shared by e2e/worker-stops.spec.ts (100 rounds) and the bench
// (1,000 rounds, `worker_stop_failed_rounds`).
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { expect } from './fixtures.ts';
import { editorField, openNotesList, waitForOverlay } from './overlay.ts';

const EDITOR_IFRAME = 'iframe[title="Cuecards note editor"]';

/** Where in a round the worker is stopped. */
export type StopMoment = 'after-shortcut' | 'before-enter' | 'after-enter';
const moments: StopMoment[] = ['after-shortcut', 'before-enter', 'after-enter'];

/** How the worker is stopped: as Chromium stops an idle one, or its target closed. */
type StopHow = 'stop-all' | 'stop-version' | 'close-target';
const hows: StopHow[] = ['stop-all', 'stop-version', 'close-target'];

export interface RoundFailure {
  round: number;
  moment: StopMoment;
  delayMs: number;
  how: StopHow;
  what: 'lost-shortcut' | 'stuck-editor' | 'lost-note' | 'duplicate';
  detail?: string;
}

export interface WorkerStopFigures {
  seed: number;
  rounds: number;
  /** Rounds whose editor closed after Enter: their note was acknowledged. */
  acknowledged: number;
  lostShortcuts: number;
  stuckEditors: number;
  lostNotes: number;
  duplicates: number;
  /** Rounds with any of the four. */
  failedRounds: number;
  failures: RoundFailure[];
}

/** A small seeded generator (mulberry32): the same seed gives the same rounds. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The seed from $CUECARDS_STOP_SEED, or a new one (printed by the caller to replay it). */
export function stopSeed(): number {
  const fromEnv = Number(process.env.CUECARDS_STOP_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 1 + Math.floor(Math.random() * 1e9);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** When and how a round stops the worker, as the seed's generator chooses. */
function planStop(random: () => number): { moment: StopMoment; delayMs: number; how: StopHow } {
  const moment = moments[Math.floor(random() * moments.length)]!;
  const how = hows[Math.floor(random() * hows.length)]!;
  // Up to 150 ms after the shortcut spans the open, the editor's load and its session
  // lookup; up to 60 ms after Enter spans the save, the close and the "closed" push.
  const delayMs = Math.floor(random() * (moment === 'after-shortcut' ? 150 : 60));
  return { moment, delayMs, how };
}

/** Stops the extension's worker through the DevTools protocol of one of the pages. */
async function workerStopper(cdp: CDPSession, extensionId: string) {
  const running = new Map<string, string>();
  await cdp.send('ServiceWorker.enable');
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) {
      if (!version.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) continue;
      if (version.runningStatus === 'running' || version.runningStatus === 'starting') {
        running.set(version.versionId, version.runningStatus);
      } else running.delete(version.versionId);
    }
  });
  return async (how: StopHow) => {
    if (how === 'stop-version') {
      for (const versionId of running.keys()) {
        await cdp.send('ServiceWorker.stopWorker', { versionId }).catch(() => undefined);
      }
      return;
    }
    if (how === 'close-target') {
      const { targetInfos } = await cdp.send('Target.getTargets');
      for (const target of targetInfos) {
        if (target.type === 'service_worker' && target.url.includes(extensionId)) {
          await cdp
            .send('Target.closeTarget', { targetId: target.targetId })
            .catch(() => undefined);
        }
      }
      return;
    }
    await cdp.send('ServiceWorker.stopAllWorkers');
  };
}

/**
 * Runs `rounds` note saves through the keyboard (shortcut, type, Enter) on `page`, which must
 * show plain.html's video with its overlay, stopping the worker once in each round at a
 * moment and by a means the seed chooses. A round fails when the editor never opened (a lost
 * shortcut), stayed open after Enter (stuck), or its note is missing or stored twice.
 */
export async function runWorkerStopRounds(options: {
  context: BrowserContext;
  page: Page;
  extensionId: string;
  rounds: number;
  seed: number;
  /** How long the editor may take to open or close before the round counts as failed. */
  patienceMs?: number;
  log?: (line: string) => void;
}): Promise<WorkerStopFigures> {
  const { context, page, extensionId, rounds, seed } = options;
  const patienceMs = options.patienceMs ?? 10_000;
  const random = seededRandom(seed);
  const cdp = await context.newCDPSession(page);
  const stop = await workerStopper(cdp, extensionId);
  const failures: RoundFailure[] = [];
  const acknowledged = new Map<string, number>();
  const typed = new Map<string, number>();
  const plans: Array<{ moment: StopMoment; delayMs: number; how: StopHow }> = [];

  for (let round = 1; round <= rounds; round++) {
    const plan = planStop(random);
    const { moment, delayMs, how } = plan;
    plans.push(plan);
    const fail = (what: RoundFailure['what'], detail?: string) => {
      failures.push({ round, ...plan, what, detail });
      options.log?.(`round ${round} (${moment} +${delayMs} ms, ${how}): ${what} ${detail ?? ''}`);
    };
    const text = `Stopped worker ${seed} round ${round}`;
    let stopping: Promise<unknown> = Promise.resolve();
    const stopIn = (ms: number) => {
      stopping = delay(ms).then(() => stop(how).catch(() => undefined));
    };

    if (moment === 'after-shortcut') stopIn(delayMs);
    await page.keyboard.press('Alt+Shift+N');
    try {
      await expect(editorField(page)).toBeFocused({ timeout: patienceMs });
    } catch {
      fail('lost-shortcut', `${await page.locator(EDITOR_IFRAME).count()} editor frame(s)`);
      await stopping;
      await reset(page);
      continue;
    }
    await page.keyboard.insertText(text);
    if (moment === 'before-enter') {
      stopIn(0);
      await delay(delayMs);
    }
    typed.set(text, round);
    if (moment === 'after-enter') stopIn(delayMs);
    // The key-up may reach a frame being torn down, which Chromium may never acknowledge.
    void page.keyboard.press('Enter').catch(() => undefined);
    try {
      await expect(page.locator(EDITOR_IFRAME)).toHaveCount(0, { timeout: patienceMs });
      acknowledged.set(text, round);
    } catch {
      fail('stuck-editor');
      await stopping;
      await reset(page);
      continue;
    }
    await stopping;
  }

  const stored = (await storedRecords(context, extensionId)).notes;
  const counts = new Map<string, number>();
  for (const text of stored) counts.set(text, (counts.get(text) ?? 0) + 1);
  for (const [text, round] of typed) {
    const plan = plans[round - 1]!;
    const count = counts.get(text) ?? 0;
    if (count > 1) failures.push({ round, ...plan, what: 'duplicate', detail: `${count} copies` });
    if (count === 0 && acknowledged.has(text)) {
      failures.push({ round, ...plan, what: 'lost-note' });
    }
  }
  await cdp.detach().catch(() => undefined);
  const count = (what: RoundFailure['what']) => failures.filter((f) => f.what === what).length;
  return {
    seed,
    rounds,
    acknowledged: acknowledged.size,
    lostShortcuts: count('lost-shortcut'),
    stuckEditors: count('stuck-editor'),
    lostNotes: count('lost-note'),
    duplicates: count('duplicate'),
    failedRounds: new Set(failures.map((f) => f.round)).size,
    failures,
  };
}

/** After a failed round: a fresh page, so the next round starts from no editor. */
async function reset(page: Page) {
  await page.reload();
  await waitForOverlay(page);
  await page.bringToFront();
}

const CARD_IFRAME = 'iframe[title="Cuecards card editor"]';

/** The other editors: a new card, an edit of a note, an edit of a card. */
type EditorFlow = 'new-card' | 'edit-note' | 'edit-card';
const flows: EditorFlow[] = ['new-card', 'edit-note', 'edit-card'];

export interface EditorFlowFigures {
  seed: number;
  rounds: number;
  acknowledged: number;
  failures: Array<RoundFailure & { flow: EditorFlow }>;
}

/** Every card's title and every note's text, read from IndexedDB in an extension page. */
async function storedRecords(context: BrowserContext, extensionId: string) {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    return (await page.evaluate(`new Promise((resolve, reject) => {
      const request = indexedDB.open('cuecards');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction(['notes', 'cards'], 'readonly');
        const notes = tx.objectStore('notes').getAll();
        const cards = tx.objectStore('cards').getAll();
        tx.oncomplete = () => {
          db.close();
          resolve({
            notes: notes.result.filter((note) => !note.deleted).map((note) => note.text),
            cards: cards.result.filter((card) => !card.deleted).map((card) => card.title),
          });
        };
        tx.onerror = () => reject(tx.error);
      };
    })`)) as { notes: string[]; cards: string[] };
  } finally {
    await page.close();
  }
}

/**
 * The card editor and the edits of a note and of a card, with the worker stopped once in
 * each round as in `runWorkerStopRounds`. The page starts with one note and one card of
 * its video, which the edits change: at the end there is still one note, with the text of
 * the last edit, and one card per new card plus the edited one, each title once.
 */
export async function runEditorFlowRounds(options: {
  context: BrowserContext;
  page: Page;
  extensionId: string;
  rounds: number;
  seed: number;
  log?: (line: string) => void;
}): Promise<EditorFlowFigures> {
  const { context, page, extensionId, rounds, seed } = options;
  const patienceMs = 10_000;
  const random = seededRandom(seed);
  const cdp = await context.newCDPSession(page);
  const stop = await workerStopper(cdp, extensionId);
  const failures: EditorFlowFigures['failures'] = [];
  const video = page.locator('video');
  const newCards: string[] = [];
  let lastNoteText: string | undefined;
  const acknowledgedCards: string[] = [];
  let acknowledged = 0;

  for (let round = 1; round <= rounds; round++) {
    const flow = flows[(round - 1) % flows.length]!;
    const { moment, delayMs, how } = planStop(random);
    const plan = { flow, moment, delayMs, how };
    const fail = (what: RoundFailure['what'], detail?: string) => {
      failures.push({ round, ...plan, what, detail });
      options.log?.(`${flow} round ${round} (${moment} +${delayMs} ms, ${how}): ${what}`);
    };
    let stopping: Promise<unknown> = Promise.resolve();
    const stopIn = (ms: number) => {
      stopping = delay(ms).then(() => stop(how).catch(() => undefined));
    };
    const isCard = flow !== 'edit-note';
    const iframe = isCard ? CARD_IFRAME : EDITOR_IFRAME;
    const field = isCard ? page.frameLocator(CARD_IFRAME).getByLabel('Title') : editorField(page);
    const text = `${flow} ${seed} round ${round}`;

    // What the viewer does to ask for the editor, the worker stopped just after.
    if (flow === 'new-card') {
      if (moment === 'after-shortcut') stopIn(delayMs);
      await page.keyboard.press('Alt+Shift+C');
    } else if (flow === 'edit-note') {
      const list = await openNotesList(page, video);
      if (moment === 'after-shortcut') stopIn(delayMs);
      await list
        .getByRole('button', { name: /^Edit note at / })
        .first()
        .click();
    } else {
      await video.hover();
      await page.getByRole('button', { name: /^Cards \(\d+\)$/ }).click();
      const panel = page.getByRole('region', { name: 'Trivia cards on this video' });
      if (moment === 'after-shortcut') stopIn(delayMs);
      // The seeded card, whatever an earlier edit named it; the new cards are left alone.
      await panel.getByRole('button', { name: /^Edit card: (Seeded card|edit-card )/ }).click();
    }
    try {
      await expect(field).toBeFocused({ timeout: patienceMs });
    } catch {
      fail('lost-shortcut');
      await stopping;
      await reset(page);
      continue;
    }
    if (flow !== 'new-card') await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(text);
    if (moment === 'before-enter') {
      stopIn(0);
      await delay(delayMs);
    }
    if (flow === 'new-card') newCards.push(text);
    if (moment === 'after-enter') stopIn(delayMs);
    void page.keyboard.press('Enter').catch(() => undefined);
    try {
      await expect(page.locator(iframe)).toHaveCount(0, { timeout: patienceMs });
      acknowledged++;
      if (flow === 'edit-note') lastNoteText = text;
      if (flow === 'new-card') acknowledgedCards.push(text);
    } catch {
      fail('stuck-editor');
      await stopping;
      await reset(page);
      continue;
    }
    await stopping;
    // Panels closed again, so the next round starts from the page.
    await reset(page);
  }

  const stored = await storedRecords(context, extensionId);
  // A check over the whole run: it names no round.
  const overall = (flow: EditorFlow, what: RoundFailure['what'], detail: string) =>
    failures.push({
      round: 0,
      flow,
      moment: 'after-enter',
      delayMs: 0,
      how: 'stop-all',
      what,
      detail,
    });
  if (stored.notes.length !== 1) overall('edit-note', 'duplicate', `${stored.notes.length} notes`);
  else if (lastNoteText && stored.notes[0] !== lastNoteText) {
    overall('edit-note', 'lost-note', `the note reads “${stored.notes[0]}”`);
  }
  for (const title of newCards) {
    const count = stored.cards.filter((stored) => stored === title).length;
    if (count > 1) overall('new-card', 'duplicate', title);
    if (count === 0 && acknowledgedCards.includes(title)) overall('new-card', 'lost-note', title);
  }
  const edited = stored.cards.filter((title) => /^(Seeded card|edit-card )/.test(title));
  if (edited.length !== 1) overall('edit-card', 'duplicate', `${edited.length} edited cards`);
  await cdp.detach().catch(() => undefined);
  return { seed, rounds, acknowledged, failures };
}
