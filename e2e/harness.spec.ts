import { rm } from 'node:fs/promises';
import { expect, launchBrowser, makeUserDataDir, test } from './fixtures.ts';
import { otherVideoId, standInTitle } from './server.ts';

test('the extension is loaded and its service worker answers', async ({ extensionId, worker }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  const id = await worker.evaluate(() => {
    return (globalThis as unknown as { chrome: { runtime: { id: string } } }).chrome.runtime.id;
  });
  expect(id).toBe(extensionId);
});

test('the plain page video plays and seeks to 30 s', async ({ page, servers }) => {
  await page.goto(`${servers.blog}/plain.html`);
  const video = page.locator('video');
  await video.evaluate((v: HTMLVideoElement) => v.play());
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime))
    .toBeGreaterThan(0.5);

  const after = await video.evaluate(async (v: HTMLVideoElement) => {
    v.pause();
    const seeked = new Promise((resolve) => v.addEventListener('seeked', resolve, { once: true }));
    v.currentTime = 30;
    await seeked;
    return { time: v.currentTime, readyState: v.readyState, duration: v.duration };
  });
  expect(after.time).toBeCloseTo(30, 1);
  expect(after.readyState).toBeGreaterThanOrEqual(2);
  expect(after.duration).toBeCloseTo(60, 0);
});

test('the YouTube stand-in loads over https and navigates like a SPA', async ({ page }) => {
  const id = 'dQw4w9WgXcQ';
  const other = otherVideoId(id);
  await page.goto(`https://www.youtube.com/watch?v=${id}`);
  await expect(page).toHaveTitle(`${standInTitle(id)} - YouTube`);
  const video = page.locator('#movie_player video.html5-main-video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThan(1);
  const before = await video.evaluate((v: HTMLVideoElement) => v.currentSrc);
  expect(new URL(before).hostname).toBe('www.youtube.com');

  await page.evaluate(() => {
    (window as unknown as { marker: number }).marker = 1;
    document.addEventListener('yt-navigate-finish', () => {
      (window as unknown as { navigated: string }).navigated = location.href;
    });
  });
  await page.locator(`a.yt-simple-endpoint[href="/watch?v=${other}"]`).click();
  await expect(page).toHaveURL(`https://www.youtube.com/watch?v=${other}`);
  await expect(page).toHaveTitle(`${standInTitle(other)} - YouTube`);
  const state = await page.evaluate(() => {
    const w = window as unknown as { marker?: number; navigated?: string };
    return { marker: w.marker, navigated: w.navigated };
  });
  expect(state).toEqual({ marker: 1, navigated: `https://www.youtube.com/watch?v=${other}` });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentSrc)).not.toBe(before);

  const bar = await page.locator('.ytp-progress-bar').boundingBox();
  const player = await page.locator('#movie_player').boundingBox();
  expect(player).toMatchObject({ width: 854, height: 480 });
  expect(bar?.width).toBe(854);
});

test('the blog embeds a frame from another origin', async ({ page, servers }) => {
  await page.goto(`${servers.blog}/blog.html`);
  await expect(page.locator('h1')).toHaveText('Rocky training in Russia [Rocky IV]');
  const iframe = page.locator('iframe#embedded');
  await expect(iframe).toHaveAttribute('src', `${servers.frameOrigin}/frame.html`);
  const frame = page.frameLocator('iframe#embedded');
  await expect
    .poll(() => frame.locator('video').evaluate((v: HTMLVideoElement) => v.readyState))
    .toBeGreaterThan(1);
  const origin = await frame.locator('video').evaluate(() => location.origin);
  expect(origin).toBe(servers.frameOrigin);
  expect(origin).not.toBe(new URL(page.url()).origin);
});

test('a relaunch with the same profile keeps its data', async ({ servers }) => {
  const userDataDir = makeUserDataDir();
  try {
    let context = await launchBrowser({ httpsPort: servers.httpsPort, userDataDir });
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${servers.blog}/no-video.html`);
    await page.evaluate(() => localStorage.setItem('kept', 'yes'));
    await context.close();

    context = await launchBrowser({ httpsPort: servers.httpsPort, userDataDir });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${servers.blog}/no-video.html`);
    expect(await page.evaluate(() => localStorage.getItem('kept'))).toBe('yes');
    await context.close();
  } finally {
    await rm(userDataDir, { recursive: true, force: true });
  }
});
