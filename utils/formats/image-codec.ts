// Decoding pictures before they are kept: the browser's decoder behind a seam tests can replace.
import { i18n } from '#i18n';
import { checkImageBytes, type FrameType, frameLimits, type ImageCheck } from './image-bytes';

/** What decodes and shrinks pictures: the browser's own in the worker and extension pages. */
export interface ImageCodec {
  /** Decodes the picture whole and gives its size as decoded; throws when it cannot. */
  decode(image: Blob): Promise<{ width: number; height: number }>;
  /** A copy `width` × `height` for lists, or undefined where nothing can encode one. */
  shrink(image: Blob, width: number, height: number): Promise<Blob | undefined>;
}

/** Widest thumbnail the lists show (twice their width in CSS pixels, for sharp screens). */
export const thumbnailWidth = 320;

/** A thumbnail's size for a picture, or undefined when the picture is small enough itself. */
export function thumbnailSize(
  width: number,
  height: number,
): { width: number; height: number } | undefined {
  if (width <= thumbnailWidth) return undefined;
  return {
    width: thumbnailWidth,
    height: Math.max(1, Math.round((height * thumbnailWidth) / width)),
  };
}

/** The browser's decoder and canvas: WebP where it encodes WebP, else JPEG. */
export const browserImageCodec: ImageCodec = {
  async decode(image) {
    const bitmap = await createImageBitmap(image);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  },
  async shrink(image, width, height) {
    if (typeof OffscreenCanvas === 'undefined') return undefined;
    const bitmap = await createImageBitmap(image, {
      resizeWidth: width,
      resizeHeight: height,
      resizeQuality: 'high',
    });
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    bitmap.close();
    const webp = await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
    // A browser without a WebP encoder hands back a PNG instead.
    return webp.type === 'image/webp'
      ? webp
      : canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  },
};

export interface CheckedImage {
  image: Blob;
  type: FrameType;
  width: number;
  height: number;
}

/**
 * Checks a picture's bytes (magic bytes, header, limits) and decodes it whole, so only a
 * picture that shows is kept: the picture as a blob of its own type, or why not.
 */
export async function decodeCheckedImage(
  bytes: Uint8Array<ArrayBuffer>,
  codec: ImageCodec,
  maxBytes: number = frameLimits.bytes,
): Promise<{ ok: true; value: CheckedImage } | Extract<ImageCheck, { ok: false }>> {
  const checked = checkImageBytes(bytes, maxBytes);
  if (!checked.ok) return checked;
  const { type, width, height } = checked.value;
  const image = new Blob([bytes], { type });
  let decoded: { width: number; height: number };
  try {
    decoded = await codec.decode(image);
  } catch {
    return { ok: false, error: i18n.t('frame.undecodable') };
  }
  if (decoded.width !== width || decoded.height !== height) {
    return {
      ok: false,
      error: i18n.t('frame.sizeMismatch', [
        `${width} × ${height}`,
        `${decoded.width} × ${decoded.height}`,
      ]),
    };
  }
  return { ok: true, value: { image, type, width, height } };
}
