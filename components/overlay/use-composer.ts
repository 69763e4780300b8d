import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { createSeenIds } from '@/utils/messaging/delivery';
import type { createOutbox } from '@/utils/messaging/outbox';
import type { ComposerTarget, Push } from '@/utils/messaging/protocol';
import { sendRequest } from '@/utils/messaging/request';
import type { VideoInfo } from '@/utils/model/records';
import { loadSettings } from '@/utils/model/settings';
import type { Player } from '@/utils/players';
import type { ShowToast } from '../toast';
import {
  type ComposerRequest,
  composerTarget,
  isNewRequest,
  newComposerToken,
  requestFromPush,
} from './composer-request';
import { guardIntervalMs, isShown, restoreHostStyle } from './overlay-guard';
import { setShortcutReport, wasShortcutSent } from './shortcut-slot';
import { useEditorKeyboard } from './use-editor-keyboard';

/** The editor open now: the token its frame's address carries, and what it edits. */
export interface ComposerSession {
  token: string;
  kind: ComposerTarget['kind'];
  /** The page took focus away from it (and got none of the keys). */
  wasFocusTaken: boolean;
}

/**
 * Opens and closes the editor frame. While it is open the video waits (when the viewer
 * asked for that) and plays on after; a new note or card rewinds the video to show its
 * moment again; focus goes back where it was when the editor closes. The page cannot take
 * the keyboard from it (see useEditorKeyboard) and cannot hide it: it opens only where the
 * viewer sees the overlay, and closes if the page hides it while open.
 *
 * `open` and `receive` belong to their render, which tells whether an editor is open and
 * with which token: the port calls the latest ones.
 */
export function useComposer(options: {
  player: Player;
  host: HTMLElement;
  identity: VideoInfo | undefined;
  outbox: ReturnType<typeof createOutbox>;
  showToast: ShowToast;
}): {
  session: ComposerSession | undefined;
  frameRef: RefObject<HTMLIFrameElement>;
  open: (request: ComposerRequest) => Promise<void>;
  receive: (push: Push) => void;
} {
  const { player, host, identity, outbox, showToast } = options;
  const { video } = player;
  const [opened, setOpened] = useState<Omit<ComposerSession, 'wasFocusTaken'>>();
  const openToken = opened?.token;
  const resumeAfterComposer = useRef(false);
  const focusBeforeComposer = useRef<Element | null>(null);
  const frameRef = useRef<HTMLIFrameElement>(null);
  // The page around an embedded player may take focus too: the worker has every frame of
  // the tab hold the viewer's keys while this editor has the keyboard.
  const holdTabKeys = (isHeld: boolean) => {
    if (!openToken) return;
    void sendRequest({ type: 'composer.keys', token: openToken, isHeld }).catch(() => undefined);
  };
  const keyboard = useEditorKeyboard(opened !== undefined, frameRef, () => holdTabKeys(true));
  useEffect(() => {
    if (!openToken) return;
    return () => {
      void sendRequest({ type: 'composer.keys', token: openToken, isHeld: false }).catch(
        () => undefined,
      );
    };
  }, [openToken]);
  const session = opened && { ...opened, wasFocusTaken: keyboard.wasFocusTaken };
  // A shortcut or request delivered twice (the worker stopped before it answered the first
  // time) opens one editor.
  const seenRequests = useRef(createSeenIds());
  const slowOpen = useSlowOpenNotice(showToast);
  const latestSlowOpen = useRef(slowOpen);
  latestSlowOpen.current = slowOpen;
  useEffect(() => {
    setShortcutReport((id, answer) => latestSlowOpen.current.shortcut(id, answer));
    return () => setShortcutReport(undefined);
  }, []);

  // An editor the page made invisible while open closes; what the viewer types next, unaware,
  // stays held until they click. (One it removed comes back with the overlay, reloaded.)
  useEffect(() => {
    if (!openToken) return;
    const timer = setInterval(() => {
      restoreHostStyle(host);
      const frame = frameRef.current;
      if (!frame?.isConnected || isShown(frame)) return;
      focusBeforeComposer.current = null;
      close();
      keyboard.holdUntilClick();
    }, guardIntervalMs);
    return () => clearInterval(timer);
  }, [openToken, host]);

  function close() {
    keyboard.release();
    // Give focus back before the frame goes, so the key that closed it lands on the page.
    const previous = focusBeforeComposer.current;
    focusBeforeComposer.current = null;
    frameRef.current?.blur();
    if (previous instanceof HTMLElement && previous.isConnected)
      previous.focus({ preventScroll: true });
    setOpened(undefined);
    if (resumeAfterComposer.current) {
      resumeAfterComposer.current = false;
      void video.play().catch(() => undefined);
    }
  }

  async function open(request: ComposerRequest, requestId?: string) {
    const current = player.identify() ?? identity;
    // Never an editor the viewer cannot see.
    restoreHostStyle(host);
    const waitId = requestId ?? slowOpen.newId();
    if (!current || !isShown(host)) return slowOpen.settled(waitId);
    slowOpen.opening(waitId);
    const now = video.currentTime;
    const target = composerTarget(request, now);
    const { pauseWhileTyping, rewindSeconds } = await loadSettings();
    if (pauseWhileTyping && !video.paused && !openToken) {
      resumeAfterComposer.current = true;
      video.pause();
    }
    // The note keeps the moment the viewer asked at; the video goes back to show it again.
    if (rewindSeconds > 0 && isNewRequest(request)) {
      video.currentTime = Math.max(0, now - rewindSeconds);
    }
    if (!openToken) focusBeforeComposer.current = document.activeElement;
    const token = newComposerToken();
    const response = await outbox.push({ type: 'composer.open', token, video: current, target });
    slowOpen.settled(waitId);
    if (response.ok) setOpened({ token, kind: target.kind });
    else {
      showToast({ message: response.error });
      close();
    }
  }

  /** A shortcut or the context menu asks for the editor; the background says it closed. */
  function receive(push: Push) {
    if (push.type === 'open-composer') {
      const { commandId } = push;
      if (commandId === undefined || seenRequests.current.isFirst(commandId)) {
        void open(requestFromPush(push), commandId);
      }
    }
    if (push.type === 'composer.closed' && push.token === openToken) close();
  }

  return { session, frameRef, open, receive };
}

/** How long the viewer waits for an editor before being told why it has not opened. */
export const slowOpenMs = 1_000;

/**
 * Tells the viewer, a second after they asked for an editor (a shortcut pressed in this
 * frame, or an open on its way to the worker), why it has not opened yet: the worker is
 * being woken and the request is being sent again. A shortcut the worker sent to another
 * frame's overlay is none of this one's business.
 */
function useSlowOpenNotice(showToast: ShowToast) {
  const waits = useRef(
    new Map<string, { timer: ReturnType<typeof setTimeout>; isHere: boolean }>(),
  );
  const openCount = useRef(0);
  const isWaitingShown = useRef(false);
  useEffect(
    () => () => {
      for (const wait of waits.current.values()) clearTimeout(wait.timer);
    },
    [],
  );

  function start(id: string, isHere: boolean) {
    const existing = waits.current.get(id);
    if (existing) {
      existing.isHere ||= isHere;
      return;
    }
    const timer = setTimeout(() => {
      waits.current.delete(id);
      isWaitingShown.current = true;
      showToast({ message: i18n.t('overlay.editorWaiting') });
    }, slowOpenMs);
    waits.current.set(id, { timer, isHere });
  }

  function settled(id: string | undefined) {
    if (id === undefined) return;
    const wait = waits.current.get(id);
    if (wait) clearTimeout(wait.timer);
    waits.current.delete(id);
    // "Opens in a moment" is done with once it has.
    if (isWaitingShown.current && waits.current.size === 0) {
      isWaitingShown.current = false;
      showToast(undefined);
    }
  }

  return {
    /** The detector of this frame saw a shortcut (`answer` left out) or heard the answer. */
    shortcut(id: string, answer?: unknown) {
      if (answer === undefined) return start(id, false);
      // Sent to another frame's overlay: that one tells the viewer if need be.
      if (wasShortcutSent(answer) && !waits.current.get(id)?.isHere) return settled(id);
      if (answer !== false && !wasShortcutSent(answer)) {
        settled(id);
        isWaitingShown.current = false;
        const error = (answer as { error?: unknown }).error;
        showToast({
          message: typeof error === 'string' ? error : i18n.t('overlay.editorNotOpened'),
        });
      }
    },
    /** This overlay is opening the editor for the request `id`. */
    opening(id: string) {
      start(id, true);
    },
    settled,
    /** An id for an open the viewer asked for here (a button, an edit). */
    newId: () => `here-${++openCount.current}`,
  };
}
