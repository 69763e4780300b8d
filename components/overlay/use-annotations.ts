import { useEffect, useState } from 'preact/hooks';
import type { Push } from '@/utils/messaging/protocol';
import type { CardRecord, NoteRecord, VideoInfo } from '@/utils/model/records';

/**
 * The notes and cards of the video watched, as the background pushes them. `receive`
 * belongs to its render: the port calls the latest one, so a push for a video the player
 * has left is dropped.
 */
export function useAnnotations(identity: VideoInfo | undefined): {
  notes: readonly NoteRecord[];
  cards: readonly CardRecord[];
  receive: (push: Push) => void;
} {
  const [notes, setNotes] = useState<readonly NoteRecord[]>([]);
  const [cards, setCards] = useState<readonly CardRecord[]>([]);

  // Another video: forget the last one's notes and cards until the new ones arrive.
  useEffect(() => {
    setNotes([]);
    setCards([]);
  }, [identity?.key]);

  function receive(push: Push) {
    if (push.type === 'annotations' && push.videoKey === identity?.key) {
      setNotes(push.notes);
      setCards(push.cards);
    }
  }

  return { notes, cards, receive };
}
