import { useEffect, useState } from 'preact/hooks';

const hideAfterMs = 3_000;

/** Whether the pointer is over the player and has moved lately, as the player's own controls show. */
export function useHover(container: HTMLElement): boolean {
  const [isHovered, setHovered] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onMove = () => {
      setHovered(true);
      clearTimeout(timer);
      timer = setTimeout(() => setHovered(false), hideAfterMs);
    };
    const onLeave = () => {
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
