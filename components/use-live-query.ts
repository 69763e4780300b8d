import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/** The result of a Dexie query, kept current as any context writes to the database. */
export function useLiveQuery<T>(
  querier: () => Promise<T>,
  deps: readonly unknown[],
): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    const subscription = liveQuery(querier).subscribe({
      next: setValue,
      error: (error) => console.error('Cuecards: query failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
