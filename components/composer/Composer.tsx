import { useEffect, useMemo, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { createOutbox } from '@/utils/messaging/outbox';
import { sendRequest } from '@/utils/messaging/request';
import { uuidv7 } from '@/utils/model/ids';
import { formatTimestamp } from '@/utils/timeline/time';
import { useTheme } from '../use-theme';
import { CardForm } from './CardForm';
import { DeckLinkForm } from './DeckLinkForm';
import { NoteForm } from './NoteForm';
import type { Outbox, Session } from './session';
import { useFieldFocusKept } from './use-field-focus';

/** The editor page: a note or a card, for the session the overlay opened. */
export function Composer(props: { token: string }) {
  useTheme();
  useFieldFocusKept();
  const [session, setSession] = useState<Session>();
  const [problem, setProblem] = useState<string>();
  const outbox = useMemo(() => createOutbox(sendRequest), []);

  useEffect(() => {
    void sendRequest({ type: 'composer.session', token: props.token }).then((response) => {
      if (response?.ok) setSession(response.value);
      else setProblem(response?.error ?? i18n.t('editor.couldNotStart'));
    });
  }, [props.token]);

  const close = (saved: boolean) =>
    void sendRequest({ type: 'composer.close', token: props.token, saved });

  if (!session) {
    return (
      <p class="problem" role="alert">
        {problem}
      </p>
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

/** Sends the session's note through the outbox; resolves to why it was refused, if it was. */
async function submitNote(
  token: string,
  session: Session,
  outbox: Outbox,
  text: string,
): Promise<string | undefined> {
  const startedAt = performance.now();
  const now = Date.now();
  const response = await outbox.push({
    type: 'composer.submit',
    token,
    note: {
      id: session.note?.id ?? uuidv7(now),
      text,
      createdAt: session.note?.createdAt ?? now,
      updatedAt: now,
    },
  });
  if (!response.ok) return response.error;
  // Enter to acknowledgement, for `npm run bench` and the browser's performance panel.
  performance.measure('cuecards:note-save', { start: startedAt });
  return undefined;
}
