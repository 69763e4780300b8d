/**
 * Timing of sync's steps as performance measures (`cuecards:sync-<step>`), which the
 * browser's performance panel shows and `npm run bench` reads from the worker to tell where a
 * round's time goes.
 */
export async function measured<T>(step: string, run: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  try {
    return await run();
  } finally {
    performance.measure(`cuecards:sync-${step}`, { start: startedAt });
  }
}
