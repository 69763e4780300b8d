import { describe, expect, it, vi } from 'vitest';
import { createOutbox, type Send } from './outbox';

const request = {
  type: 'note.delete',
  id: '01890a5d-ac96-774b-bcce-b302099a8057',
  updatedAt: 5,
} as const;
const noSleep = () => Promise.resolve();

describe('outbox', () => {
  it('retries a send until the background acknowledges it', async () => {
    const send = vi
      .fn()
      .mockRejectedValueOnce(new Error('Could not establish connection.'))
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce({ ok: true, value: 'written' });
    const outbox = createOutbox(send as unknown as Send, noSleep);
    expect(await outbox.push(request)).toEqual({ ok: true, value: 'written' });
    expect(send).toHaveBeenCalledTimes(3);
    expect(send).toHaveBeenLastCalledWith(request);
  });

  it('does not retry a refusal', async () => {
    const send = vi.fn().mockResolvedValue({ ok: false, error: 'Invalid request: id' });
    const outbox = createOutbox(send as unknown as Send, noSleep);
    expect(await outbox.push(request)).toEqual({ ok: false, error: 'Invalid request: id' });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('gives up with the last error after its retries', async () => {
    const send = vi.fn().mockRejectedValue(new Error('Extension context invalidated.'));
    const outbox = createOutbox(send as unknown as Send, noSleep);
    expect(await outbox.push(request)).toEqual({
      ok: false,
      error: 'Extension context invalidated.',
    });
    expect(send.mock.calls.length).toBeGreaterThan(5);
  });

  it('delivers writes in the order they were made', async () => {
    const order: number[] = [];
    let first = true;
    const send = vi.fn(async (r: { updatedAt: number }) => {
      if (first) {
        first = false;
        throw new Error('worker restarting');
      }
      order.push(r.updatedAt);
      return { ok: true, value: 'written' };
    });
    const outbox = createOutbox(send as unknown as Send, noSleep);
    await Promise.all([outbox.push(request), outbox.push({ ...request, updatedAt: 6 })]);
    expect(order).toEqual([5, 6]);
  });
});
