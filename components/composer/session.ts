import type { createOutbox } from '@/utils/messaging/outbox';
import type { ResponseValue } from '@/utils/messaging/protocol';

/** What the overlay opened the composer for, as the background describes it. */
export type Session = ResponseValue['composer.session'];

/** The queue a form's submission waits in until the background acknowledges it. */
export type Outbox = ReturnType<typeof createOutbox>;
