import { test as english, expect, extensionWorker, launchBrowser } from './fixtures.ts';
import { openLibrary, openPopup, seekVideo } from './overlay.ts';

/** The parts of the extension API the checks below read, in the extension's worker. */
interface ExtensionApi {
  i18n: { getUILanguage(): string };
  commands: { getAll(): Promise<{ description?: string }[]> };
}

/**
 * Chromium in Brazilian Portuguese. On Linux it takes its UI language from LANGUAGE (the
 * --lang switch counts on Windows only), and only a language it has a locale pack for
 * (Debian: chromium-l10n); otherwise it stays in en-US and so does Cuecards.
 */
async function launchInPortuguese(httpsPort: number) {
  const before = process.env.LANGUAGE;
  process.env.LANGUAGE = 'pt_BR';
  try {
    return await launchBrowser({ httpsPort, args: ['--lang=pt-BR'] });
  } finally {
    if (before === undefined) delete process.env.LANGUAGE;
    else process.env.LANGUAGE = before;
  }
}

const test = english.extend({
  context: async ({ servers }, use) => {
    const context = await launchInPortuguese(servers.httpsPort);
    await extensionWorker(context);
    await use(context);
    await context.close();
  },
});

test('shows the overlay, the editor, the popup and the library in Brazilian Portuguese', async ({
  page,
  worker,
  extensionId,
  servers,
}) => {
  const language = await worker.evaluate(() =>
    (globalThis as unknown as { chrome: ExtensionApi }).chrome.i18n.getUILanguage(),
  );
  expect(language, 'Chromium has no pt-BR locale pack: install chromium-l10n').toBe('pt-BR');
  // The manifest's texts come from the messages too.
  const commands = await worker.evaluate(() =>
    (globalThis as unknown as { chrome: ExtensionApi }).chrome.commands.getAll(),
  );
  expect(commands.map((command) => command.description)).toContain(
    'Adicionar uma nota no momento atual',
  );

  await page.goto(`${servers.blog}/plain.html`);
  const addNote = page.getByRole('button', { name: 'Adicionar nota' });
  await expect(addNote).toBeAttached({ timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Adicionar cartão de curiosidade' })).toHaveText(
    '+ Cartão',
  );
  await expect(page.getByRole('button', { name: 'Cartões (0)' })).toBeAttached();

  const video = page.locator('video');
  await seekVideo(video, 7);
  await video.hover();
  await addNote.click();
  const editor = page.frameLocator('iframe[title="Editor de notas do Cuecards"]');
  await expect(editor.getByText('Nova nota em 0:07')).toBeVisible();
  const field = editor.getByRole('textbox');
  await expect(field).toHaveAttribute(
    'placeholder',
    'O que você percebe aqui? #tags também funcionam',
  );
  await expect(field).toBeFocused();
  await page.keyboard.type('Treino na neve');
  await page.keyboard.press('Enter');
  await expect(page.locator('iframe[title="Editor de notas do Cuecards"]')).toHaveCount(0);

  await video.hover();
  await page.getByRole('button', { name: 'Notas (1)' }).click();
  const notes = page
    .frameLocator('iframe[title="Lista de notas do Cuecards"]')
    .getByRole('region', { name: 'Notas deste vídeo' });
  await expect(notes.getByRole('heading', { name: 'Notas' })).toBeVisible();
  await notes.getByRole('button', { name: 'Excluir nota em 0:07' }).click();
  await expect(page.getByRole('status')).toContainText('Nota em 0:07 excluída.');
  await page.getByRole('button', { name: 'Desfazer' }).click();
  await expect(notes.getByRole('button', { name: 'Editar nota em 0:07' })).toBeVisible();

  const popup = await openPopup(page, extensionId);
  await expect(popup).toHaveTitle('Cuecards');
  await expect(popup.locator('html')).toHaveAttribute('lang', 'pt-BR');
  await expect(popup.getByRole('heading', { name: 'Nesta aba' })).toBeVisible();
  const tabVideo = popup.getByRole('article', { name: 'Plain video' });
  await expect(tabVideo.getByRole('button', { name: 'Ir para 0:07' })).toBeVisible();
  await expect(tabVideo.getByRole('button', { name: 'Baixar Markdown' })).toBeVisible();
  await expect(popup.getByText('Ainda não há cartões de curiosidades neste vídeo.')).toBeVisible();
  const recent = popup.getByRole('region', { name: 'Vídeos recentes' });
  await expect(recent).toContainText('1 nota');
  await expect(popup.getByText('Configurações', { exact: true })).toBeVisible();

  const library = await openLibrary(page, extensionId);
  await expect(library).toHaveTitle('Biblioteca do Cuecards');
  await expect(library.getByRole('heading', { name: 'Biblioteca do Cuecards' })).toBeVisible();
  await expect(
    library.getByRole('navigation', { name: 'Biblioteca' }).getByRole('link'),
  ).toHaveText(['Vídeos e busca', 'Configurações', 'Exportar, backup e importar', 'Sincronização']);
  await expect(library.getByRole('checkbox', { name: 'Selecionar Plain video' })).toBeVisible();
  await expect(library.getByText('1 nota · 0 cartões · visto em')).toBeVisible();
  const search = library.getByRole('searchbox', { name: 'Buscar notas e cartões' });
  await search.fill('neve');
  await expect(library.getByRole('status').first()).toHaveText('1 resultado em 1 vídeo.');
  await search.fill('montanha');
  await expect(library.getByRole('status').first()).toHaveText('Nada encontrado.');

  await library.getByRole('link', { name: 'Configurações' }).click();
  await expect(
    library.getByRole('checkbox', { name: 'Pausar o vídeo enquanto digito' }),
  ).toBeVisible();
  await expect(library.getByRole('combobox', { name: /Os cartões ficam no canto/ })).toBeVisible();
  await expect(library.getByRole('table')).toContainText('Adicionar uma nota no momento atual');
});
