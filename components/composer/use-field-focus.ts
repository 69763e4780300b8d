import { useEffect } from 'preact/hooks';

/**
 * When the page takes focus from the editor's frame, Chromium clears the field's focus in
 * it; when the overlay gives the frame focus back, typing goes on in the field it was in
 * (with its caret where it was).
 */
export function useFieldFocusKept(doc = document): void {
  useEffect(() => {
    const view = doc.defaultView;
    if (!view) return;
    let lastField: HTMLElement | undefined;
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof view.HTMLElement) lastField = event.target;
    };
    const onWindowFocus = () => {
      const active = doc.activeElement;
      if ((active === null || active === doc.body) && lastField?.isConnected) lastField.focus();
    };
    doc.addEventListener('focusin', onFocusIn);
    view.addEventListener('focus', onWindowFocus);
    return () => {
      doc.removeEventListener('focusin', onFocusIn);
      view.removeEventListener('focus', onWindowFocus);
    };
  }, [doc]);
}
