import type { BrowserContext, FrameLocator, Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** Helpers that act on the overlay the way a viewer would. */

export function composer(page: Page | FrameLocator): FrameLocator {
  return page.frameLocator('iframe[title="Cuecards note editor"]');
}

export function editorField(page: Page | FrameLocator): Locator {
  return composer(page).getByRole('textbox');
}

export async function waitForOverlay(page: Page | FrameLocator): Promise<void> {
  await expect(page.locator('cuecards-overlay')).toBeAttached({ timeout: 10_000 });
}

/** Sets the video's time and waits until the frame at that time is there. */
export async function seekVideo(video: Locator, t: number): Promise<void> {
  await video.evaluate(async (element: HTMLVideoElement, time) => {
    if (element.readyState < 1) {
      await new Promise((resolve) =>
        element.addEventListener('loadedmetadata', resolve, { once: true }),
      );
    }
    const seeked = new Promise((resolve) =>
      element.addEventListener('seeked', resolve, { once: true }),
    );
    element.currentTime = time;
    await seeked;
  }, t);
}

export function videoTime(video: Locator): Promise<number> {
  return video.evaluate((element: HTMLVideoElement) => element.currentTime);
}

export function isPaused(video: Locator): Promise<boolean> {
  return video.evaluate((element: HTMLVideoElement) => element.paused);
}

/** Hovers the player and clicks "+ Note", types the text and saves with Enter. */
export async function addNoteWithButton(
  page: Page,
  scope: Page | FrameLocator,
  video: Locator,
  text: string,
): Promise<void> {
  await video.hover();
  await scope.getByRole('button', { name: 'Add note' }).click();
  const field = editorField(scope);
  await expect(field).toBeFocused();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await expect(scope.locator('iframe[title="Cuecards note editor"]')).toHaveCount(0);
}

/** The notes list's frame: an extension page, where the list's text lives. */
export function notesListFrame(scope: Page | FrameLocator): FrameLocator {
  return scope.frameLocator('iframe[title="Cuecards notes list"]');
}

/** Points at a marker; its note shows in the preview's frame, which this returns. */
export async function previewOfMarker(
  scope: Page | FrameLocator,
  marker: Locator,
): Promise<Locator> {
  await marker.hover();
  return scope.frameLocator('iframe[title="Cuecards note preview"]').getByRole('tooltip');
}

export async function openNotesList(scope: Page | FrameLocator, video: Locator): Promise<Locator> {
  const panel = notesListFrame(scope).getByRole('region', { name: 'Notes on this video' });
  if (!(await panel.isVisible())) {
    await video.hover();
    await scope.getByRole('button', { name: /^Notes \(\d+\)$/ }).click();
  }
  await expect(panel).toBeVisible();
  return panel;
}

export function cardEditor(scope: Page | FrameLocator): FrameLocator {
  return scope.frameLocator('iframe[title="Cuecards card editor"]');
}

export interface CardFields {
  title?: string;
  text?: string;
  start?: string;
  end?: string;
  kind?: string;
  link?: string;
}

/** Clicks "+ Card", fills the card editor and saves it. */
export async function addCardWithButton(
  scope: Page | FrameLocator,
  video: Locator,
  fields: CardFields,
): Promise<void> {
  await video.hover();
  await scope.getByRole('button', { name: 'Add trivia card' }).click();
  await fillCardEditor(scope, fields);
}

export async function fillCardEditor(scope: Page | FrameLocator, fields: CardFields) {
  const editor = cardEditor(scope);
  await expect(editor.getByLabel('Title')).toBeFocused();
  if (fields.title !== undefined) await editor.getByLabel('Title').fill(fields.title);
  if (fields.text !== undefined) await editor.getByLabel('Text').fill(fields.text);
  if (fields.kind !== undefined) await editor.getByLabel('Kind').selectOption(fields.kind);
  if (fields.start !== undefined) await editor.getByLabel('Start').fill(fields.start);
  if (fields.end !== undefined) await editor.getByLabel('End').fill(fields.end);
  if (fields.link !== undefined) await editor.getByLabel('Link').fill(fields.link);
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(scope.locator('iframe[title="Cuecards card editor"]')).toHaveCount(0);
}

/** The trivia cards shown over the video right now. */
export function shownCards(scope: Page | FrameLocator): Locator {
  return scope.getByRole('region', { name: 'Trivia cards' }).getByRole('article');
}

/** Opens the popup as a page of its own; it then shows the tab used just before. */
export async function openPopup(page: Page, extensionId: string): Promise<Page> {
  const popup = await page.context().newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  return popup;
}

/** The library in a tab of its own, at one of its sections (videos when none is named). */
export async function openLibrary(
  from: Page | BrowserContext,
  extensionId: string,
  section?: 'videos' | 'settings' | 'transfer',
): Promise<Page> {
  const library = await ('newPage' in from ? from : from.context()).newPage();
  await library.goto(
    `chrome-extension://${extensionId}/library.html${section ? `#${section}` : ''}`,
  );
  return library;
}
