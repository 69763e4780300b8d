import { readFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import { identifyVideo } from '../utils/model/video-key.ts';

interface DeckSource {
  deck: Record<string, unknown> & { createdAt: number; updatedAt: number };
  cards: Array<Record<string, unknown>>;
}

/**
 * The demo post's deck as a Cuecards deck file for the post's video. The video's key
 * depends on where the post is served, so the file is made for that address.
 */
export function demoDeckFile(blog: string): string {
  const source = JSON.parse(
    readFileSync(new URL('./pages/rocky-iv-deck.json', import.meta.url), 'utf8'),
  ) as DeckSource;
  const identity = identifyVideo(`${blog}/blog.html`, `${blog}/media/clip.webm`);
  if (!identity) throw new Error(`No video key for ${blog}`);
  return JSON.stringify({
    format: 'cuecards-deck',
    version: 1,
    video: { ...identity, title: 'Rocky training in Russia [Rocky IV]', duration: 60 },
    deck: source.deck,
    cards: source.cards.map((card, i) => ({
      id: `0192a1c4-5e00-7000-8000-${String(i + 1).padStart(12, '0')}`,
      createdAt: source.deck.createdAt,
      updatedAt: source.deck.updatedAt,
      source: `${blog}/blog.html`,
      ...card,
    })),
  });
}

/** Imports a deck file the way an extension page does, through the background's importer. */
export async function importDeckFile(
  context: BrowserContext,
  extensionId: string,
  text: string,
): Promise<{ ok: boolean; error?: string; value?: { cardCount: number } }> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    return await page.evaluate(async (deckText) => {
      const api = globalThis as unknown as {
        chrome: { runtime: { sendMessage(message: unknown): Promise<never> } };
      };
      return api.chrome.runtime.sendMessage({ type: 'deck.import', text: deckText, from: 'demo' });
    }, text);
  } finally {
    await page.close();
  }
}
