import type { CuecardsDatabase } from '@/utils/store';
import { TransferSection } from './TransferSection';

/** The full-tab page: everything the viewer has, to take out, back up and bring in. */
export function Library(props: { db: CuecardsDatabase }) {
  return (
    <main class="library">
      <h1>Cuecards library</h1>
      <TransferSection db={props.db} />
    </main>
  );
}
