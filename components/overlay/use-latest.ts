import { useRef } from 'preact/hooks';

/**
 * A ref that holds the value of the latest render. A callback kept beyond its render (a
 * port's push handler, the card layer's timer) reads current state through it, never the
 * state of the render that made it. Preact renders synchronously, so writing the ref while
 * rendering is safe.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
