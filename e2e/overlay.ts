import type { FrameLocator, Locator, Page } from '@playwright/test';
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

export async function openNotesList(scope: Page | FrameLocator, video: Locator): Promise<Locator> {
  const panel = scope.getByRole('region', { name: 'Notes on this video' });
  if (!(await panel.isVisible())) {
    await video.hover();
    await scope.getByRole('button', { name: /^Notes \(\d+\)$/ }).click();
  }
  await expect(panel).toBeVisible();
  return panel;
}
