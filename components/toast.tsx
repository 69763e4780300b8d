import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';

/** A short status line, with Undo when the action can be taken back. */
export interface ToastMessage {
  message: string;
  undo?: () => void;
}

export type ShowToast = (toast: ToastMessage | undefined) => void;

/** The current toast; it goes away by itself after a few seconds. */
export function useToast(): [ToastMessage | undefined, ShowToast] {
  const [toast, setToast] = useState<ToastMessage>();
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(undefined), 8_000);
    return () => clearTimeout(timer);
  }, [toast]);
  return [toast, setToast];
}

/** Shows `message` with an Undo that runs `revert` and hides the toast. */
export function offerUndo(show: ShowToast, message: string, revert: () => Promise<unknown>): void {
  show({
    message,
    undo: () => {
      show(undefined);
      void revert();
    },
  });
}

export function Toast(props: { toast: ToastMessage | undefined }) {
  const { toast } = props;
  if (!toast) return null;
  return (
    <div class="toast" role="status">
      <span>{toast.message}</span>
      {toast.undo && (
        <button type="button" onClick={toast.undo}>
          {i18n.t('common.undo')}
        </button>
      )}
    </div>
  );
}
