import { demoDeckFile, importDeckFile } from './demo-deck.ts';
import { expect, test } from './fixtures.ts';
import { openPopup, seekVideo, shownCards, waitForOverlay } from './overlay.ts';

test.beforeEach(async ({ context, extensionId, page, servers }) => {
  const answer = await importDeckFile(context, extensionId, demoDeckFile(servers.blog));
  expect(answer).toMatchObject({ ok: true, value: { cardCount: 10 } });
  await page.bringToFront();
  await page.goto(`${servers.blog}/blog.html`);
  await waitForOverlay(page);
});

test('the demo deck shows the post’s trivia over the demo video at its moments', async ({
  page,
}) => {
  const video = page.locator('video#montage');
  await seekVideo(video, 10);
  await expect(shownCards(page)).toHaveText([/The farm was in Jackson Hole/]);
  await seekVideo(video, 30);
  await expect(shownCards(page)).toHaveText([/Hearts on Fire.*John Cafferty/]);
  await seekVideo(video, 46);
  await expect(shownCards(page)).toHaveText([
    /The soundtrack went Platinum/,
    /Survivor’s “Burning Heart”.*No\. 2 on the Billboard Hot 100/,
  ]);
});

test('a deck turned off in the popup hides its cards, and on again shows them', async ({
  page,
  extensionId,
}) => {
  const video = page.locator('video#montage');
  await seekVideo(video, 16);
  await expect(shownCards(page)).toHaveText([/Grand Teton National Park/]);

  const popup = await openPopup(page, extensionId);
  const decks = popup.getByRole('article', { name: 'Rocky training in Russia [Rocky IV]' });
  await expect(decks.getByText('Rocky IV: the training montage')).toBeVisible();
  await expect(decks.getByText('10 cards · imported')).toBeVisible();
  const show = decks.getByRole('checkbox', { name: /Rocky IV: the training montage/ });
  await show.uncheck();
  await expect(shownCards(page)).toHaveCount(0);
  await show.check();
  await expect(shownCards(page)).toHaveText([/Grand Teton National Park/]);
});

test('renames a deck and deletes it with undo from the popup', async ({ page, extensionId }) => {
  const video = page.locator('video#montage');
  await seekVideo(video, 5);
  await expect(shownCards(page)).toHaveCount(1);
  const popup = await openPopup(page, extensionId);
  const decks = popup.getByRole('article', { name: 'Rocky training in Russia [Rocky IV]' });

  await decks.getByRole('button', { name: 'Rename deck Rocky IV: the training montage' }).click();
  const name = decks.getByRole('textbox', { name: 'New name for Rocky IV: the training montage' });
  await name.fill('Montage trivia');
  await name.press('Enter');
  await expect(decks.getByText('Montage trivia')).toBeVisible();

  await decks.getByRole('button', { name: 'Delete deck Montage trivia' }).click();
  await expect(decks.getByText('Montage trivia')).toHaveCount(0);
  await expect(shownCards(page)).toHaveCount(0);
  await popup.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(decks.getByText('Montage trivia')).toBeVisible();
  await expect(shownCards(page)).toHaveCount(1);
});

test('importing a malformed deck says what is wrong and writes nothing', async ({
  context,
  extensionId,
  page,
  servers,
}) => {
  const file = JSON.parse(demoDeckFile(servers.blog));
  file.deck.id = '0192a1c4-5e00-7000-8000-00000000d002';
  file.cards[3].end = 1;
  const answer = await importDeckFile(context, extensionId, JSON.stringify(file));
  expect(answer).toEqual({
    ok: false,
    error: 'This deck file is not valid: card 4: end: must be after the start',
  });
  const popup = await openPopup(page, extensionId);
  await expect(
    popup
      .getByRole('article', { name: 'Rocky training in Russia [Rocky IV]' })
      .getByRole('listitem'),
  ).toHaveCount(11);
});

test('edits a card from the popup in the editor over the video', async ({ page, extensionId }) => {
  const popup = await openPopup(page, extensionId);
  const post = popup.getByRole('article', { name: 'Rocky training in Russia [Rocky IV]' });
  await post.getByRole('button', { name: 'Edit card: The farm was in Jackson Hole' }).click();
  await page.bringToFront();
  const editor = page.frameLocator('iframe[title="Cuecards card editor"]');
  await expect(editor.getByLabel('Title')).toHaveValue('The farm was in Jackson Hole');
  await expect(editor.getByLabel('Start')).toHaveValue('0:08');
  await editor.getByLabel('Title').fill('The farm: Jackson Hole, Wyoming');
  await editor.getByRole('button', { name: 'Save' }).click();
  await seekVideo(page.locator('video#montage'), 9);
  await expect(shownCards(page)).toHaveText([/The farm: Jackson Hole, Wyoming/]);
});

test('settings changed in the popup apply to the open tab at once', async ({
  page,
  extensionId,
}) => {
  const video = page.locator('video#montage');
  await seekVideo(video, 3);
  await expect(page.getByRole('region', { name: 'Trivia cards' })).toHaveClass(/cards-top-left/);

  const popup = await openPopup(page, extensionId);
  await popup.getByText('Settings').click();
  await popup.getByRole('combobox', { name: /Cards sit in the/ }).selectOption('bottom-right');
  await expect(page.getByRole('region', { name: 'Trivia cards' })).toHaveClass(
    /cards-bottom-right/,
  );
  await popup.getByRole('checkbox', { name: 'Show trivia cards' }).uncheck();
  await expect(shownCards(page)).toHaveCount(0);
  await popup.getByRole('checkbox', { name: 'Show trivia cards' }).check();
  await expect(shownCards(page)).toHaveCount(1);

  // A card that appears during playback pauses the video when asked to.
  await popup.getByRole('checkbox', { name: 'Pause the video when a card appears' }).check();
  await page.bringToFront();
  await seekVideo(video, 7.5);
  await video.evaluate((element: HTMLVideoElement) => element.play());
  await expect(shownCards(page)).toHaveText([/The farm was in Jackson Hole/]);
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.paused)).toBe(true);
  expect(await video.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeLessThan(
    8.5,
  );
});
