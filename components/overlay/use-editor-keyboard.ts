import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type KeyHold, setKeyHold } from './key-hold';

/** More take-backs than this in a second is a page fighting: the keys stay held, that's all. */
const maxTakeBacksPerSecond = 10;

export interface EditorKeyboard {
  /** The page took focus away from the editor while it was open. */
  wasFocusTaken: boolean;
  /** The editor closes and focus goes back where it was: keys reach the page again. */
  release(): void;
  /** The editor closed without the viewer seeing it: keys are held until they click. */
  holdUntilClick(): void;
}

type Mode = 'off' | 'editor' | 'until-click';

/**
 * Keeps the keyboard in the editor's frame while it is open. A page may `focus()` an element
 * of its own (or blur the frame) at any time: the frame takes focus back at once and shows
 * it was taken, and any key that lands on the page meanwhile is held back by the detector,
 * whose listeners come before the page's. Only the viewer's own click elsewhere lets keys go
 * to the page, until the frame has focus again.
 */
export function useEditorKeyboard(
  isOpen: boolean,
  frameRef: RefObject<HTMLIFrameElement>,
  /** The editor's frame has the keyboard (again): the tab's other frames are to hold theirs. */
  onKeyboardTaken: () => void = () => {},
): EditorKeyboard {
  const keyboardTaken = useRef(onKeyboardTaken);
  keyboardTaken.current = onKeyboardTaken;
  const [wasFocusTaken, setWasFocusTaken] = useState(false);
  const state = useRef({
    mode: 'off' as Mode,
    isViewerAway: false,
    hasFrameLoaded: false,
    takeBacks: [] as number[],
    stopWaitingForClick: () => {},
  });

  // Before the frame can load, so its load is never missed.
  useLayoutEffect(() => {
    if (!isOpen) return;
    const s = state.current;
    s.stopWaitingForClick();
    s.mode = 'editor';
    s.isViewerAway = false;
    // Until the frame has loaded (and taken focus) there is nothing to take back.
    s.hasFrameLoaded = false;
    setWasFocusTaken(false);

    const frameHasFocus = () => {
      const frame = frameRef.current;
      return frame !== null && (frame.getRootNode() as ShadowRoot).activeElement === frame;
    };
    const takeBack = () => {
      const frame = frameRef.current;
      if (!frame || s.mode !== 'editor' || s.isViewerAway || !s.hasFrameLoaded) return;
      setWasFocusTaken(true);
      if (frameHasFocus()) return;
      const now = performance.now();
      s.takeBacks = s.takeBacks.filter((at) => now - at < 1_000);
      if (s.takeBacks.length >= maxTakeBacksPerSecond) return;
      s.takeBacks.push(now);
      frame.focus({ preventScroll: true });
    };
    const hold: KeyHold = () => {
      if (s.mode !== 'editor' || s.isViewerAway) return false;
      takeBack();
      return true;
    };
    const onPointerDown = (event: Event) => {
      if (event.isTrusted) s.isViewerAway = true;
    };
    const onFocusIn = () => {
      if (!frameHasFocus()) return takeBack();
      s.isViewerAway = false;
      s.hasFrameLoaded = true;
      keyboardTaken.current();
    };
    // The frame focuses itself once loaded (see ComposerFrame); a new editor loads a new page.
    const onFrameLoad = () => {
      s.hasFrameLoaded = true;
      s.isViewerAway = false;
    };
    const frame = frameRef.current;
    // Focus that left for nothing (the page blurred the frame) while the tab kept it.
    const onFocusOut = () =>
      setTimeout(() => {
        if (document.hasFocus() && !frameHasFocus()) takeBack();
      }, 0);

    // Focus handed back to this frame by the frame around it (which held a key for the
    // editor) stops at this document: it goes on into the editor's frame.
    const onWindowFocus = () => {
      if (s.mode === 'editor' && !s.isViewerAway && s.hasFrameLoaded) {
        frameRef.current?.contentWindow?.focus();
      }
    };

    setKeyHold(hold);
    window.addEventListener('focus', onWindowFocus);
    frame?.addEventListener('load', onFrameLoad);
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('focusin', onFocusIn, true);
    window.addEventListener('focusout', onFocusOut, true);
    return () => {
      window.removeEventListener('focus', onWindowFocus);
      frame?.removeEventListener('load', onFrameLoad);
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('focusin', onFocusIn, true);
      window.removeEventListener('focusout', onFocusOut, true);
      if (s.mode === 'editor') {
        s.mode = 'off';
        setKeyHold(undefined);
      }
    };
  }, [isOpen, frameRef]);

  // Gone with the overlay (the page moved the video): nothing of it holds keys any longer.
  useEffect(
    () => () => {
      state.current.stopWaitingForClick();
      state.current.mode = 'off';
      setKeyHold(undefined);
    },
    [],
  );

  function release() {
    state.current.mode = 'off';
    setKeyHold(undefined);
  }

  function holdUntilClick() {
    const s = state.current;
    s.mode = 'until-click';
    setKeyHold(() => true);
    const onPointerDown = (event: Event) => {
      if (event.isTrusted) s.stopWaitingForClick();
    };
    s.stopWaitingForClick = () => {
      window.removeEventListener('pointerdown', onPointerDown, true);
      s.stopWaitingForClick = () => {};
      if (s.mode === 'until-click') release();
    };
    window.addEventListener('pointerdown', onPointerDown, true);
  }

  return { wasFocusTaken, release, holdUntilClick };
}
