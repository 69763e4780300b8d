import { i18n } from '#i18n';
import type { ExportFile } from '@/utils/formats/files';
import { formatNumber } from '@/utils/model/locale';

/**
 * Saves a file through the browser's own download. The link is never put in the document:
 * in the overlay that document is the page's, which must not see the file's address.
 */
export function downloadFile({ name, data, type }: ExportFile): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  // The download has taken its copy by the next task; a minute is generous.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

export async function copyImage(png: Blob): Promise<void> {
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
}

export function readFileText(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) {
    return Promise.reject(
      new Error(
        i18n.t('file.tooLarge', [
          file.name,
          formatNumber(Math.round(file.size / 1e6)),
          formatNumber(maxBytes / 1e6),
        ]),
      ),
    );
  }
  return file.text();
}
