import { afterEach, describe, expect, it } from 'vitest';
import { shippedLocales, useFakeLocale } from '../../tools/fake-i18n';
import { type ConnectedStatus, problemSentence, syncProblems, syncStateLine } from './status-text';

// Intl puts a narrow no-break space before AM/PM; the tests read it as a plain space.
const plain = (text: string) => text.replace(/\s/g, ' ');

const now = new Date(2026, 4, 14, 18, 30).getTime();
const today1504 = new Date(2026, 4, 14, 15, 4).getTime();
const may12At0905 = new Date(2026, 4, 12, 9, 5).getTime();

const connected = (fields: Partial<ConnectedStatus> = {}): ConnectedStatus => ({
  state: 'idle',
  address: 'https://cloud.example.org/remote.php/dav/files/ana/',
  user: 'ana',
  syncedAt: today1504,
  waiting: 0,
  ...fields,
});

const line = (fields: Partial<ConnectedStatus>) =>
  plain(syncStateLine(connected(fields), now).text);

describe('the sentence of each sync problem', () => {
  afterEach(() => useFakeLocale('en'));

  it('is a sentence of its own in every language, for every problem', () => {
    expect(syncProblems.length).toBe(16);
    for (const locale of shippedLocales) {
      useFakeLocale(locale);
      const sentences = syncProblems.map(problemSentence);
      for (const [index, sentence] of sentences.entries()) {
        expect(sentence, `${locale}: ${syncProblems[index]}`).toMatch(/^\p{Lu}.{10,}\.$/u);
      }
      expect(new Set(sentences).size, locale).toBe(syncProblems.length);
    }
  });

  it('says what the viewer can act on', () => {
    expect(problemSentence('not-webdav')).toBe('This address does not answer as a WebDAV server.');
    expect(problemSentence('refused')).toBe('The server refused the user name or password.');
    expect(problemSentence('wrong-passphrase')).toBe(
      'This passphrase does not open the notes already on this server.',
    );
    expect(problemSentence('short-passphrase')).toBe('The passphrase needs at least 8 characters.');
    useFakeLocale('pt_BR');
    expect(problemSentence('refused')).toBe('O servidor recusou o nome de usuário ou a senha.');
    expect(problemSentence('short-passphrase')).toBe(
      'A frase secreta precisa ter pelo menos 8 caracteres.',
    );
  });
});

describe('the sync state line', () => {
  afterEach(() => useFakeLocale('en'));

  it('gives the time alone for a sync today, and the date too for an earlier day', () => {
    expect(line({})).toBe('Synced at 3:04 PM.');
    expect(line({ syncedAt: may12At0905 })).toBe('Synced on May 12, 2026 at 9:05 AM.');
    useFakeLocale('pt_BR');
    expect(line({})).toBe('Sincronizado às 15:04.');
    expect(line({ syncedAt: may12At0905 })).toBe('Sincronizado em 12 de mai. de 2026 às 09:05.');
  });

  it('counts the changes waiting, in the plural form of the language', () => {
    expect(line({ waiting: 1 })).toBe('Synced at 3:04 PM. 1 change waiting.');
    expect(line({ waiting: 1234 })).toBe('Synced at 3:04 PM. 1,234 changes waiting.');
    expect(line({ syncedAt: 0, waiting: 3 })).toBe('Not synced yet. 3 changes waiting.');
    useFakeLocale('pt_BR');
    expect(line({ waiting: 1 })).toBe('Sincronizado às 15:04. 1 alteração a enviar.');
    expect(line({ waiting: 1234 })).toBe('Sincronizado às 15:04. 1.234 alterações a enviar.');
  });

  it('says when it is syncing, whatever the last round did', () => {
    expect(line({ state: 'syncing' })).toBe('Syncing…');
    expect(
      line({
        state: 'syncing',
        waiting: 2,
        error: { problem: 'offline', at: today1504, retryAt: now + 60_000 },
      }),
    ).toBe('Syncing… 2 changes waiting.');
  });

  it('gives the last problem and when it is tried again, marked as a problem', () => {
    const offline = syncStateLine(
      connected({ waiting: 2, error: { problem: 'offline', at: now, retryAt: now + 5 * 60_000 } }),
      now,
    );
    expect(offline.isProblem).toBe(true);
    expect(plain(offline.text)).toBe(
      'The server cannot be reached. Check the address and the network. Tries again at 6:35 PM. 2 changes waiting.',
    );
    const tomorrow = new Date(2026, 4, 15, 0, 10).getTime();
    expect(line({ error: { problem: 'server-error', at: now, retryAt: tomorrow } })).toBe(
      'The server answered with an error of its own. Tries again on May 15, 2026 at 12:10 AM.',
    );
    // Retried only when the viewer asks: no time is promised.
    expect(line({ error: { problem: 'wrong-passphrase', at: now, retryAt: 0 } })).toBe(
      'This passphrase does not open the notes already on this server.',
    );
    useFakeLocale('pt_BR');
    expect(line({ error: { problem: 'timeout', at: now, retryAt: now + 60_000 } })).toBe(
      'O servidor demorou demais para responder. Nova tentativa às 18:31.',
    );
  });

  it('is no problem when the last round went well', () => {
    expect(syncStateLine(connected({}), now).isProblem).toBe(false);
    expect(syncStateLine(connected({ state: 'syncing' }), now).isProblem).toBe(false);
  });
});
