// What the popup and the library say of sync: one plain sentence per problem, and the state line.
import { i18n } from '#i18n';
import { count, formatNumber, uiLanguage } from '@/utils/model/locale';
import { minPassphraseLength } from '@/utils/sync/connection-rules';
import type { SyncProblem, SyncStatus } from '@/utils/sync/status';

export type ConnectedStatus = Exclude<SyncStatus, { state: 'off' }>;

// Every key is written out, so a problem added to the union without a sentence does not compile.
const problemSentences: Record<SyncProblem, () => string> = {
  'bad-address': () => i18n.t('sync.problem.badAddress'),
  offline: () => i18n.t('sync.problem.offline'),
  timeout: () => i18n.t('sync.problem.timeout'),
  'not-webdav': () => i18n.t('sync.problem.notWebdav'),
  refused: () => i18n.t('sync.problem.refused'),
  'cannot-write': () => i18n.t('sync.problem.cannotWrite'),
  'out-of-space': () => i18n.t('sync.problem.outOfSpace'),
  'too-large': () => i18n.t('sync.problem.tooLarge'),
  'server-error': () => i18n.t('sync.problem.serverError'),
  'short-passphrase': () =>
    i18n.t('sync.problem.shortPassphrase', [formatNumber(minPassphraseLength)]),
  'wrong-passphrase': () => i18n.t('sync.problem.wrongPassphrase'),
  'not-cuecards': () => i18n.t('sync.problem.notCuecards'),
  'newer-format': () => i18n.t('sync.problem.newerFormat'),
  'altered-file': () => i18n.t('sync.problem.alteredFile'),
  'unreadable-file': () => i18n.t('sync.problem.unreadableFile'),
  'newer-file': () => i18n.t('sync.problem.newerFile'),
};

export const syncProblems = Object.keys(problemSentences) as SyncProblem[];

/** What went wrong, in one sentence the viewer can act on. */
export function problemSentence(problem: SyncProblem): string {
  return problemSentences[problem]();
}

const isSameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() &&
  a.getMonth() === b.getMonth() &&
  a.getDate() === b.getDate();

/** A moment as the viewer reads it: the time alone when it is today, else its date too. */
function moment(
  at: number,
  now: number,
  today: (time: string) => string,
  otherDay: (date: string, time: string) => string,
): string {
  const language = uiLanguage();
  const time = new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(at);
  if (isSameDay(new Date(at), new Date(now))) return today(time);
  return otherDay(new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(at), time);
}

export interface SyncStateLine {
  text: string;
  /** The last round failed: the line says why. */
  isProblem: boolean;
}

/**
 * `Synced at 3:04 PM. 2 changes waiting.`, `Syncing…`, or the last problem and when it is
 * tried again; `now` decides whether a time needs its date.
 */
export function syncStateLine(status: ConnectedStatus, now: number = Date.now()): SyncStateLine {
  const waiting = status.waiting > 0 ? [count('sync.waiting', status.waiting)] : [];
  if (status.state === 'syncing') {
    return { text: [i18n.t('sync.syncing'), ...waiting].join(' '), isProblem: false };
  }
  const { error } = status;
  if (error) {
    const retry =
      error.retryAt > 0
        ? [
            moment(
              error.retryAt,
              now,
              (time) => i18n.t('sync.triesAgainAt', [time]),
              (date, time) => i18n.t('sync.triesAgainOn', [date, time]),
            ),
          ]
        : [];
    return {
      text: [problemSentence(error.problem), ...retry, ...waiting].join(' '),
      isProblem: true,
    };
  }
  const synced =
    status.syncedAt > 0
      ? moment(
          status.syncedAt,
          now,
          (time) => i18n.t('sync.syncedAt', [time]),
          (date, time) => i18n.t('sync.syncedOn', [date, time]),
        )
      : i18n.t('sync.notYet');
  return { text: [synced, ...waiting].join(' '), isProblem: false };
}
