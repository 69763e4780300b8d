import type { createOutbox } from '@/utils/messaging/outbox';
import type { ResponseValue } from '@/utils/messaging/protocol';

/** What the overlay opened the composer for, as the background describes it. */
export type Session = ResponseValue['composer.session'];

/** The queue a form's submission waits in until the background acknowledges it. */
export type Outbox = ReturnType<typeof createOutbox>;

/**
 * Opens the session again as this editor had it, after the browser forgot it: the viewer's
 * text is saved where it was meant to go. Resolves to why not, if it could not.
 */
export async function resumeSession(
  token: string,
  session: Session,
  outbox: Outbox,
): Promise<string | undefined> {
  const { video, target } = session;
  const response = await outbox.push({ type: 'composer.resume', token, video, target });
  return response.ok ? undefined : response.error;
}
