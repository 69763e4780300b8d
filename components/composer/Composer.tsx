import { useEffect, useMemo, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { createOutbox } from '@/utils/messaging/outbox';
import { sendRequest } from '@/utils/messaging/request';
import { useTheme } from '../use-theme';
import { CardForm } from './CardForm';
import { DeckLinkForm } from './DeckLinkForm';
import { NoteForm } from './NoteForm';
import type { Session } from './session';

/** The editor page: a note or a card, for the session the overlay opened. */
export function Composer(props: { token: string }) {
  useTheme();
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
  return session.target.kind === 'card' ? (
    <CardForm token={props.token} session={session} outbox={outbox} onClose={close} />
  ) : (
    <NoteForm token={props.token} session={session} outbox={outbox} onClose={close} />
  );
}
