import { describe, expect, it, vi } from 'vitest';
import { createSeenIds, deliverUntilAnswered, type Send } from './delivery';

const close = { type: 'composer.close', token: 'tokentokentokentoken', saved: true } as const;
const noSleep = () => Promise.resolve();

describe('deliverUntilAnswered', () => {
  it('sends again while the worker stops before answering, until it answers', async () => {
    const send = vi
      .fn()
      // Stopped while the message was on its way, or before it replied.
      .mockRejectedValueOnce(new Error('Could not establish connection.'))
      .mockRejectedValueOnce(new Error('The message port closed before a response was received.'))
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce({ ok: true, value: true });
    const retries: string[] = [];
    const answer = await deliverUntilAnswered(send as unknown as Send, close, noSleep, (error) =>
      retries.push(error),
    );
    expect(answer).toEqual({ ok: true, value: true });
    expect(send).toHaveBeenCalledTimes(4);
    for (const call of send.mock.calls) expect(call).toEqual([close]);
    expect(retries).toHaveLength(3);
  });

  it('takes a refusal as the answer: it is not sent again', async () => {
    const send = vi.fn().mockResolvedValue({ ok: false, error: 'This editor has expired.' });
    expect(await deliverUntilAnswered(send as unknown as Send, close, noSleep)).toEqual({
      ok: false,
      error: 'This editor has expired.',
    });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('gives up with the last error when the worker never answers', async () => {
    const send = vi.fn().mockRejectedValue(new Error('Extension context invalidated.'));
    expect(await deliverUntilAnswered(send as unknown as Send, close, noSleep)).toEqual({
      ok: false,
      error: 'Extension context invalidated.',
    });
    expect(send.mock.calls.length).toBeGreaterThan(5);
  });

  it('waits longer between each try, up to seconds', async () => {
    const waits: number[] = [];
    const send = vi.fn().mockResolvedValue(undefined);
    await deliverUntilAnswered(send as unknown as Send, close, async (ms) => {
      waits.push(ms);
    });
    expect(waits[0]).toBeLessThanOrEqual(100);
    expect([...waits].sort((a, b) => a - b)).toEqual(waits);
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThan(20_000);
  });
});

describe('createSeenIds', () => {
  it('acts on an id the first time it is delivered only', () => {
    const seen = createSeenIds();
    expect(seen.isFirst('shortcut-1')).toBe(true);
    expect(seen.isFirst('shortcut-1')).toBe(false);
    expect(seen.isFirst('shortcut-2')).toBe(true);
    expect(seen.isFirst('shortcut-1')).toBe(false);
  });

  it('keeps the latest ids only', () => {
    const seen = createSeenIds(3);
    for (const id of ['a', 'b', 'c', 'd']) seen.isFirst(id);
    expect(seen.isFirst('d')).toBe(false);
    expect(seen.isFirst('b')).toBe(false);
    // The oldest was forgotten.
    expect(seen.isFirst('a')).toBe(true);
  });
});
