import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerImageCodec } from './header-image-codec';
import { decodeCheckedImage, type ImageCodec, thumbnailSize } from './image-codec';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, 'fixtures/frames', name)));

describe('decodeCheckedImage', () => {
  it('keeps a picture that decodes to the size its header gives, as a blob of its type', async () => {
    const checked = await decodeCheckedImage(fixture('bars.webp'), headerImageCodec);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value).toMatchObject({ type: 'image/webp', width: 64, height: 36 });
    expect(checked.value.image.type).toBe('image/webp');
    expect(new Uint8Array(await checked.value.image.arrayBuffer())).toEqual(fixture('bars.webp'));
  });

  it('refuses a picture the decoder cannot read, or one that decodes to another size', async () => {
    const failing: ImageCodec = { ...headerImageCodec, decode: () => Promise.reject(new Error()) };
    expect(await decodeCheckedImage(fixture('bars.jpg'), failing)).toEqual({
      ok: false,
      error: 'This picture cannot be shown: it is damaged.',
    });
    const other: ImageCodec = {
      ...headerImageCodec,
      decode: () => Promise.resolve({ width: 640, height: 360 }),
    };
    expect(await decodeCheckedImage(fixture('bars.jpg'), other)).toEqual({
      ok: false,
      error: 'This picture says it is 64 × 36 pixels but is 640 × 360.',
    });
  });

  it('decodes nothing that fails the byte checks', async () => {
    let decoded = 0;
    const counting: ImageCodec = {
      ...headerImageCodec,
      decode: (image) => {
        decoded += 1;
        return headerImageCodec.decode(image);
      },
    };
    expect((await decodeCheckedImage(fixture('bars.png'), counting)).ok).toBe(false);
    expect((await decodeCheckedImage(fixture('bars.webp'), counting, 100)).ok).toBe(false);
    expect(decoded).toBe(0);
  });
});

describe('thumbnailSize', () => {
  it('shrinks a picture to 320 wide, keeping its shape, and leaves a small one alone', () => {
    expect(thumbnailSize(1920, 1080)).toEqual({ width: 320, height: 180 });
    expect(thumbnailSize(320, 180)).toBeUndefined();
    expect(thumbnailSize(4000, 1)).toEqual({ width: 320, height: 1 });
  });
});
