import { describe, expect, it, vi } from 'vitest';
import { createOutbox, type Send } from '@/utils/messaging/outbox';
import type { Request } from '@/utils/messaging/protocol';
import type { ToastMessage } from '../toast';
import { deleteWithUndo } from './actions';

const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

/** An outbox whose background answers each request with `answer`, and records them. */
function fakeOutbox(
  answer: (request: Request) => { ok: true; value: unknown } | { ok: false; error: string },
) {
  const sent: Request[] = [];
  const send: Send = async (request) => {
    sent.push(request);
    return answer(request) as never;
  };
  return { outbox: createOutbox(send), sent };
}

describe('deleteWithUndo', () => {
  it('deletes, then offers an undo that restores what it deleted', async () => {
    const { outbox, sent } = fakeOutbox(() => ({ ok: true, value: 'written' }));
    const toasts: (ToastMessage | undefined)[] = [];
    await deleteWithUndo(outbox, (toast) => toasts.push(toast), 'note', id, 'Note at 0:42 deleted');

    expect(sent).toEqual([{ type: 'note.delete', id, updatedAt: expect.any(Number) }]);
    expect(toasts).toEqual([{ message: 'Note at 0:42 deleted', undo: expect.any(Function) }]);

    toasts[0]?.undo?.();
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toEqual({ type: 'note.restore', id, updatedAt: expect.any(Number) });
    // The undo hides its toast, and a restore that worked says nothing more.
    expect(toasts).toEqual([toasts[0], undefined]);
  });

  it('deletes and restores a card through the card requests', async () => {
    const { outbox, sent } = fakeOutbox(() => ({ ok: true, value: 'written' }));
    let shown: ToastMessage | undefined;
    await deleteWithUndo(
      outbox,
      (toast) => {
        shown = toast ?? shown;
      },
      'card',
      id,
      'Card deleted',
    );
    shown?.undo?.();
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent.map((request) => request.type)).toEqual(['card.delete', 'card.restore']);
  });

  it('says why when the delete is refused, and offers no undo', async () => {
    const { outbox, sent } = fakeOutbox(() => ({ ok: false, error: 'Not this video' }));
    const toasts: (ToastMessage | undefined)[] = [];
    await deleteWithUndo(outbox, (toast) => toasts.push(toast), 'note', id, 'Note deleted');
    expect(sent).toHaveLength(1);
    expect(toasts).toEqual([{ message: 'Not this video' }]);
  });

  it('says why when the restore is refused', async () => {
    const { outbox } = fakeOutbox((request) =>
      request.type === 'note.restore'
        ? { ok: false, error: 'Restore refused' }
        : { ok: true, value: 'written' },
    );
    const toasts: (ToastMessage | undefined)[] = [];
    await deleteWithUndo(outbox, (toast) => toasts.push(toast), 'note', id, 'Note deleted');
    toasts[0]?.undo?.();
    await vi.waitFor(() => expect(toasts).toHaveLength(3));
    expect(toasts[2]).toEqual({ message: 'Restore refused' });
  });
});
