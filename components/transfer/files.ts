import { i18n } from '#i18n';
import { formatNumber } from '@/utils/locale';

/** Saves data as a file through the browser's own download, from an extension page. */
export function downloadFile(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy by the next task; a minute is generous.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

export async function copyImage(png: Blob): Promise<void> {
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
}

/** `2026-11-25`, in the viewer's time zone: the date a file name carries. */
export function localDate(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
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
