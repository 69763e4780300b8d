import { useEffect, useState } from 'preact/hooks';

const hideAfterMs = 3_000;

/** Whether the pointer is over the player and has moved lately, as the player's own controls show. */
export function useHover(container: HTMLElement): boolean {
  const [isHovered, setHovered] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The page can make up pointer moves over its own player: only the viewer's count.
    const onMove = (event: PointerEvent) => {
      if (!event.isTrusted) return;
      setHovered(true);
      clearTimeout(timer);
      timer = setTimeout(() => setHovered(false), hideAfterMs);
    };
    const onLeave = (event: PointerEvent) => {
      if (!event.isTrusted) return;
      clearTimeout(timer);
      setHovered(false);
    };
    container.addEventListener('pointermove', onMove);
    container.addEventListener('pointerleave', onLeave);
    return () => {
      clearTimeout(timer);
      container.removeEventListener('pointermove', onMove);
      container.removeEventListener('pointerleave', onLeave);
    };
  }, [container]);
  return isHovered;
}
