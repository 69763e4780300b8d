// The overlay's start on a video page and its first list, for tools/bench.ts.
import type { BrowserContext, Page } from 'playwright-core';
import { extensionIdOf, extensionWorker, launchBrowser } from '../e2e/fixtures.ts';
import type { Servers } from '../e2e/server.ts';
import { serializeBackup } from '../utils/formats/backup.ts';
import type { CardRecord, DeckRecord, NoteRecord } from '../utils/model/records.ts';
import { identifyVideo } from '../utils/model/video-key.ts';
import { median, restoreBackup } from './bench-transfer.ts';

type Record_ = (name: string, value: number, unit: string, target: number | undefined) => void;

const START_LOADS = 20;
const START_WARMUPS = 2;
const LIST_LOADS = 10;
/** From the load event to the reading: the overlay is ready well before (checked after). */
const SETTLE_MS = 1_500;
const NOTE_TIMES = [5, 12, 20, 31, 44, 52];

const WATCH_ID = 'cUeCaRdSbnc';

/** The YouTube stand-in's watch page, which plays at once as YouTube's does. */
const watchUrl = () => `https://www.youtube.com/watch?v=${WATCH_ID}&autoplay=1`;

/** Notes along the video and a deck whose cards cover all of it, so some card shows at any time. */
export function watchBackup(): string {
  const identity = identifyVideo(
    `https://www.youtube.com/watch?v=${WATCH_ID}`,
    `https://www.youtube.com/media/clip.webm?v=${WATCH_ID}`,
  );
  if (!identity) throw new Error('No video key for the stand-in watch page');
  const id = (n: number) => `0192a1c4-5e00-7000-8000-${String(n).padStart(12, '0')}`;
  const at = 1_700_000_000_000;
  const notes: NoteRecord[] = NOTE_TIMES.map((t, i) => ({
    id: id(100 + i),
    videoKey: identity.key,
    t,
    text: `Bench note at ${t} s`,
    tags: [],
    createdAt: at,
    updatedAt: at,
    deleted: false,
  }));
  const deck: DeckRecord = {
    id: id(1),
    videoKey: identity.key,
    title: 'Bench',
    author: '',
    description: '',
    origin: { kind: 'own' },
    enabled: true,
    createdAt: at,
    updatedAt: at,
    deleted: false,
  };
  const cards: CardRecord[] = [0, 30].map((start, i) => ({
    id: id(200 + i),
    deckId: deck.id,
    videoKey: identity.key,
    start,
    end: start + 30,
    title: `Card ${i + 1}`,
    text: 'A fact that pops up over the video at its moment.',
    kind: 'fact',
    createdAt: at,
    updatedAt: at,
    deleted: false,
  }));
  const video = { ...identity, title: 'Bench video', duration: 60, lastSeenAt: at };
  return serializeBackup({ videos: [video], notes, cards, decks: [deck] });
}

/**
 * Whether the overlay shows its markers (in the stand-in's progress bar) and a card. Read
 * through open shadow roots: the e2e build differs from the shipped one only in that.
 */
const isOverlayReady = (page: Page) =>
  page.evaluate(`(() => {
    const markers = document.querySelector('cuecards-markers')?.shadowRoot;
    const overlay = document.querySelector('cuecards-overlay')?.shadowRoot;
    return markers?.querySelectorAll('.marker').length === ${NOTE_TIMES.length} &&
      overlay?.querySelector('article.card') != null;
  })()`) as Promise<boolean>;

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Script time (ms) in the page's renderer from navigation to a moment past the overlay's
 * start, the load in a fresh tab. It is read before anything else looks at the page, so the
 * checks that follow (the video plays, the overlay is ready) are not counted.
 */
async function startScriptTime(context: BrowserContext, isExtension: boolean): Promise<number> {
  const page = await context.newPage();
  try {
    await page.bringToFront();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(watchUrl(), { waitUntil: 'load' });
    await page.waitForTimeout(SETTLE_MS);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const script = metrics.find((metric) => metric.name === 'ScriptDuration');
    if (!script) throw new Error('CDP Performance.getMetrics returned no ScriptDuration');
    const isPlaying = await page.evaluate(`!document.querySelector('video').paused`);
    if (!isPlaying) throw new Error('The stand-in watch page did not play');
    if (isExtension && !(await isOverlayReady(page))) {
      throw new Error(`The overlay showed no markers and card ${SETTLE_MS} ms after load`);
    }
    return script.value * 1000;
  } finally {
    await page.close();
  }
}

/** Timed in the page, from the click's own time stamp to the first frame that shows `shown`. */
async function timeClickToShown(page: Page, button: string, shown: string): Promise<number> {
  const timing = page.evaluate(`new Promise((resolve, reject) => {
    const root = document.querySelector('cuecards-overlay').shadowRoot;
    const button = [...root.querySelectorAll('.toolbar button')]
      .find((b) => b.textContent.startsWith(${JSON.stringify(button)}));
    button.addEventListener('click', (event) => {
      const clickedAt = event.timeStamp;
      const check = () => {
        if (root.querySelector(${JSON.stringify(shown)})) resolve(performance.now() - clickedAt);
        else if (performance.now() - clickedAt > 10000) reject(new Error('Not shown in 10 s'));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    }, { once: true, capture: true });
  })`) as Promise<number>;
  // The listener is in place once the evaluation has run its synchronous part.
  await page.evaluate('0');
  const overlay = page.locator('cuecards-overlay');
  await overlay.getByRole('button', { name: new RegExp(`^${button}`) }).click();
  return timing;
}

/**
 * From the click on the toolbar's Notes or Cards button to the list shown, the first time
 * after the page loaded: the viewer points at the player, the toolbar shows, they click.
 */
async function firstListTimes(context: BrowserContext, button: string, shown: string) {
  const samples: number[] = [];
  for (let i = 0; i < LIST_LOADS; i++) {
    const page = await context.newPage();
    try {
      await page.bringToFront();
      await page.goto(watchUrl(), { waitUntil: 'load' });
      await waitUntil(() => isOverlayReady(page), 'the overlay');
      await page.locator('video').hover();
      await page
        .locator('cuecards-overlay')
        .getByRole('button', { name: new RegExp(`^${button}`) })
        .waitFor({ state: 'visible' });
      samples.push(await timeClickToShown(page, button, shown));
    } finally {
      await page.close();
    }
  }
  return samples;
}

/**
 * `video_page_script_ms`: the extra script time the overlay's start costs a YouTube-like watch
 * page that plays at once, with notes and cards on its video (median of 20 loads, against the
 * same page in a browser without the extension, in the same run). `overlay_first_list_ms`:
 * the slower of the notes list and the cards list to show, the first time after a load.
 */
export async function measureOverlayStart(
  servers: Servers,
  e2e: string,
  launchPlain: () => Promise<BrowserContext>,
  record: Record_,
) {
  // Both browsers open, loads taken in turns: a busy machine slows both alike.
  const plain = await launchPlain();
  const context = await launchBrowser({ httpsPort: servers.httpsPort, extension: e2e });
  try {
    const extensionId = extensionIdOf(await extensionWorker(context));
    const library = await context.newPage();
    await restoreBackup(library, extensionId, Buffer.from(watchBackup()), NOTE_TIMES.length);
    await library.close();
    const without: number[] = [];
    const withCuecards: number[] = [];
    for (let i = 0; i < START_WARMUPS + START_LOADS; i++) {
      const plainTime = await startScriptTime(plain, false);
      const extensionTime = await startScriptTime(context, true);
      if (i < START_WARMUPS) continue;
      without.push(plainTime);
      withCuecards.push(extensionTime);
    }
    console.log(
      `watch page ScriptDuration median: ${median(without).toFixed(2)} ms without, ` +
        `${median(withCuecards).toFixed(2)} ms with the extension`,
    );
    record('video_page_script_ms', round1(median(withCuecards) - median(without)), 'ms', 15);

    const notes = await firstListTimes(context, 'Notes', 'iframe.notes-list.is-open');
    const cards = await firstListTimes(context, 'Cards', 'section.panel');
    const format = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
    console.log(`first notes list: [${format(notes)}] ms; first cards list: [${format(cards)}] ms`);
    record('overlay_first_list_ms', round1(Math.max(median(notes), median(cards))), 'ms', 100);
  } finally {
    await plain.close();
    await context.close();
  }
}

const round1 = (value: number) => Math.round(value * 10) / 10 || 0;
