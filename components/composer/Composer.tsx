import { useEffect, useMemo, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { createOutbox } from '@/utils/messaging/outbox';
import { sendRequest } from '@/utils/messaging/request';
import { uuidv7 } from '@/utils/model/ids';
import { formatTimestamp } from '@/utils/timeline/time';
import { useTheme } from '../use-theme';
import { CardForm } from './CardForm';
import { DeckLinkForm } from './DeckLinkForm';
import { NoteForm, type SaveFailure } from './NoteForm';
import { type Outbox, resumeSession, type Session } from './session';
import { useFieldFocusKept } from './use-field-focus';

/** How long the editor waits for its session before saying the worker is being woken. */
const waitingNoticeMs = 1_000;

/** The editor page: a note or a card, for the session the overlay opened. */
export function Composer(props: { token: string }) {
  useTheme();
  useFieldFocusKept();
  const [session, setSession] = useState<Session>();
  const [problem, setProblem] = useState<string>();
  const [isWaiting, setWaiting] = useState(false);
  // Lookup, saves and close in order, each sent again until the worker answers: it may be
  // stopped at any moment, and each of them delivered twice changes nothing.
  const outbox = useMemo(() => createOutbox(sendRequest), []);

  useEffect(() => {
    let isCurrent = true;
    const waiting = setTimeout(() => setWaiting(true), waitingNoticeMs);
    void outbox.push({ type: 'composer.session', token: props.token }).then((response) => {
      clearTimeout(waiting);
      if (!isCurrent) return;
      setWaiting(false);
      if (response.ok) setSession(response.value);
      else setProblem(response.error || i18n.t('editor.couldNotStart'));
    });
    return () => {
      isCurrent = false;
      clearTimeout(waiting);
    };
  }, [props.token]);

  const close = (saved: boolean) =>
    void outbox.push({ type: 'composer.close', token: props.token, saved });

  // Until the form is there, Esc still closes the editor.
  useEffect(() => {
    if (session) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.isComposing) return;
      event.preventDefault();
      close(false);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [session]);

  if (!session) {
    return (
      <div class="composer starting">
        <p class="problem" role="alert">
          {problem ?? (isWaiting ? i18n.t('editor.waiting') : '')}
        </p>
        {(problem || isWaiting) && (
          <div class="footer">
            <button type="button" onClick={() => close(false)}>
              {i18n.t('common.close')}
            </button>
          </div>
        )}
      </div>
    );
  }
  if (session.target.kind === 'deck') return <DeckLinkForm session={session} onClose={close} />;
  if (session.target.kind === 'card') {
    return <CardForm token={props.token} session={session} outbox={outbox} onClose={close} />;
  }
  return (
    <NoteForm
      placement="composer"
      heading={
        <>
          {session.note ? i18n.t('editor.editNote') : i18n.t('editor.newNote')}
          <span class="time">
            {' '}
            {i18n.t('editor.at', [formatTimestamp(session.note?.t ?? session.target.t)])}
          </span>
        </>
      }
      text={session.note?.text ?? ''}
      save={(text) => submitNote(props.token, session, outbox, text)}
      onClose={close}
    />
  );
}

/**
 * Sends the session's note through the outbox; resolves to why it was refused, if it was.
 * The note's id is the session's (given when the editor opened), so saving again, after a
 * save whose answer was lost, writes the same note.
 */
async function submitNote(
  token: string,
  session: Session,
  outbox: Outbox,
  text: string,
): Promise<SaveFailure | undefined> {
  const startedAt = performance.now();
  const now = Date.now();
  const noteId = session.note?.id ?? (session.target.kind === 'note' && session.target.noteId);
  const response = await outbox.push({
    type: 'composer.submit',
    token,
    note: {
      id: noteId || uuidv7(now),
      text,
      createdAt: session.note?.createdAt ?? now,
      updatedAt: now,
    },
  });
  if (!response.ok) {
    if (!response.isExpired) return response.error;
    return {
      problem: i18n.t('editor.expiredSaveAnyway'),
      saveAnyway: async () => {
        const resumed = await resumeSession(token, session, outbox);
        return resumed ?? submitNote(token, session, outbox, text);
      },
    };
  }
  // Enter to acknowledgement, for `npm run bench` and the browser's performance panel.
  performance.measure('cuecards:note-save', { start: startedAt });
  return undefined;
}
