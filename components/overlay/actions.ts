import { i18n } from '#i18n';
import type { createOutbox } from '@/utils/messaging/outbox';
import { sendRequest } from '@/utils/messaging/request';
import { offerUndo, type ShowToast } from '../toast';
import { downloadFile } from '../transfer/files';

type Outbox = ReturnType<typeof createOutbox>;

/** Deletes (a tombstone) and offers undo, which restores it. */
export async function deleteWithUndo(
  outbox: Outbox,
  showToast: ShowToast,
  kind: 'note' | 'card',
  id: string,
  message: string,
): Promise<void> {
  const deleted = await outbox.push({
    type: kind === 'note' ? 'note.delete' : 'card.delete',
    id,
    updatedAt: Date.now(),
  });
  if (!deleted.ok) return showToast({ message: deleted.error });
  offerUndo(showToast, message, async () => {
    const restored = await outbox.push({
      type: kind === 'note' ? 'note.restore' : 'card.restore',
      id,
      updatedAt: Date.now(),
    });
    if (!restored.ok) showToast({ message: restored.error });
  });
}

/** This video's Markdown, made by the background from the store, copied or saved here. */
export async function exportMarkdown(
  showToast: ShowToast,
  how: 'copy' | 'download',
): Promise<void> {
  const response = await sendRequest({ type: 'video.markdown' });
  if (!response?.ok)
    return showToast({ message: response?.error ?? i18n.t('overlay.exportFailed') });
  const { name, text } = response.value;
  if (how === 'download') {
    downloadFile({ name, data: text, type: 'text/markdown;charset=utf-8' });
    return showToast({ message: i18n.t('common.downloaded', [name]) });
  }
  try {
    await navigator.clipboard.writeText(text);
    showToast({ message: i18n.t('common.markdownCopied') });
  } catch {
    // A frame the page did not allow clipboard-write (an embed) cannot copy.
    showToast({ message: i18n.t('overlay.copyBlocked') });
  }
}
