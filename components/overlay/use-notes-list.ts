import { useEffect, useRef, useState } from 'preact/hooks';
import type { NotesListAction, Push } from '@/utils/messaging/protocol';
import { sendRequest } from '@/utils/messaging/request';
import { newComposerToken } from './composer-request';

// The overlay tells the worker its video over its port; a session asked for at the same
// moment may find the worker not told yet. It asks again after each of these.
const retryDelaysMs = [50, 100, 200, 400, 800];

/**
 * The session of this overlay's frames of notes (the list and the marker preview): opened
 * once it is needed, on the video watched, and again for each new video, so the frames
 * always show the notes of the one on screen. Its token goes in the frames' addresses.
 */
export function useNotesSession(options: {
  videoKey: string | undefined;
  isNeeded: boolean;
  onProblem: (message: string) => void;
}): string | undefined {
  const { videoKey, isNeeded } = options;
  const [session, setSession] = useState<{ token: string; videoKey: string }>();
  const onProblem = useRef(options.onProblem);
  onProblem.current = options.onProblem;
  const isOpen = session !== undefined && session.videoKey === videoKey;

  useEffect(() => {
    if (!isNeeded || !videoKey || isOpen) return;
    let isCurrent = true;
    const token = newComposerToken();
    void (async () => {
      for (let attempt = 0; isCurrent; attempt++) {
        const response = await sendRequest({ type: 'notes.open', token, videoKey });
        if (!isCurrent) return;
        if (response?.ok) return setSession({ token, videoKey });
        if (attempt >= retryDelaysMs.length) return onProblem.current(response?.error ?? '');
        await new Promise((resolve) => setTimeout(resolve, retryDelaysMs[attempt]));
      }
    })();
    return () => {
      isCurrent = false;
    };
  }, [isNeeded, videoKey, isOpen]);

  return isOpen ? session.token : undefined;
}

/**
 * What the viewer does in the notes list, as the worker passes it on; `receive` belongs to
 * its render, which knows the session's token. The list's height is kept for its frame.
 */
export function useNotesListActions(options: {
  token: string | undefined;
  onAction: (action: Exclude<NotesListAction, { kind: 'size' }>) => void;
}): { height: number | undefined; receive: (push: Push) => void } {
  const { token } = options;
  const [height, setHeight] = useState<number>();

  // A list on another video is a new page: its frame waits for its height.
  useEffect(() => setHeight(undefined), [token]);

  function receive(push: Push) {
    if (push.type !== 'notes.act' || push.token !== token) return;
    const { action } = push;
    if (action.kind === 'size') setHeight(action.height);
    else options.onAction(action);
  }

  return { height, receive };
}
