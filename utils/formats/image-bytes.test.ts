import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64FromBytes,
  bytesFromBase64,
  bytesFromDataUrl,
  checkImageBytes,
  frameLimits,
  readImageHeader,
} from './image-bytes';

// 64×36 colour bars written by ffmpeg (see fixtures/frames/README.md).
const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, 'fixtures/frames', name)));
const webp = fixture('bars.webp');
const losslessWebp = fixture('bars-lossless.webp');
const jpeg = fixture('bars.jpg');
const png = fixture('bars.png');

describe('readImageHeader', () => {
  it('reads the size of a lossy WebP, a lossless WebP, a JPEG and a PNG from their headers', () => {
    expect(readImageHeader(webp)).toEqual({ type: 'image/webp', width: 64, height: 36 });
    expect(readImageHeader(losslessWebp)).toEqual({ type: 'image/webp', width: 64, height: 36 });
    expect(readImageHeader(jpeg)).toEqual({ type: 'image/jpeg', width: 64, height: 36 });
    expect(readImageHeader(png)).toEqual({ type: 'image/png', width: 64, height: 36 });
  });

  it('reads an extended WebP (VP8X) canvas size', () => {
    const header = new Uint8Array(30);
    header.set(new TextEncoder().encode('RIFF'), 0);
    new DataView(header.buffer).setUint32(4, 22, true);
    header.set(new TextEncoder().encode('WEBPVP8X'), 8);
    // Canvas 1920 × 1080, stored minus one in 24 bits each.
    header.set([0x7f, 0x07, 0x00, 0x37, 0x04, 0x00], 24);
    expect(readImageHeader(header)).toEqual({ type: 'image/webp', width: 1920, height: 1080 });
  });

  it('refuses a WebP or JPEG cut short', () => {
    expect(readImageHeader(webp.subarray(0, webp.length - 1))).toBeUndefined();
    expect(readImageHeader(jpeg.subarray(0, jpeg.length - 1))).toBeUndefined();
    expect(readImageHeader(jpeg.subarray(0, 40))).toBeUndefined();
  });

  it('refuses bytes with the right magic but no picture after it', () => {
    expect(readImageHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBeUndefined();
    const riff = new Uint8Array(webp);
    riff.set(new TextEncoder().encode('WAVE'), 8);
    expect(readImageHeader(riff)).toBeUndefined();
  });

  it('never throws on any bytes, and finds no picture in bytes without its magic', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const header = readImageHeader(bytes);
        const hasMagic =
          (bytes[0] === 0x52 && bytes[1] === 0x49) || bytes[0] === 0xff || bytes[0] === 0x89;
        if (!hasMagic) expect(header).toBeUndefined();
      }),
    );
  });

  it('either refuses a damaged picture or reads a size of at least one pixel', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(webp, losslessWebp, jpeg),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        (original, at, value) => {
          const damaged = new Uint8Array(original);
          damaged[at % damaged.length] = value;
          const header = readImageHeader(damaged);
          if (header) expect(header.width * header.height).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('checkImageBytes', () => {
  it('keeps WebP and JPEG pictures', () => {
    expect(checkImageBytes(webp)).toEqual({
      ok: true,
      value: { type: 'image/webp', width: 64, height: 36 },
    });
    expect(checkImageBytes(jpeg).ok).toBe(true);
  });

  it('says in plain words why it refuses a PNG, bytes that are no picture, or a large file', () => {
    expect(checkImageBytes(png)).toEqual({
      ok: false,
      error: 'This is a PNG picture; frames are kept as WebP or JPEG.',
    });
    expect(checkImageBytes(new TextEncoder().encode('<svg onload=alert(1)>'))).toEqual({
      ok: false,
      error: 'This is not a WebP or JPEG picture, or it is damaged.',
    });
    expect(checkImageBytes(new Uint8Array(1_400_000))).toEqual({
      ok: false,
      error: 'This picture is 1.4 MB; a frame may be at most 1 MB.',
    });
    expect(checkImageBytes(webp, 300).ok).toBe(false);
  });

  it('refuses a picture whose header claims more pixels than a frame may have', () => {
    const huge = new Uint8Array(30);
    huge.set(new TextEncoder().encode('RIFF'), 0);
    new DataView(huge.buffer).setUint32(4, 22, true);
    huge.set(new TextEncoder().encode('WEBPVP8X'), 8);
    huge.set([0xff, 0x3f, 0x00, 0xff, 0x3f, 0x00], 24);
    expect(checkImageBytes(huge)).toEqual({
      ok: false,
      error: `This picture is 16384 × 16384 pixels; a frame may be at most ${frameLimits.side} pixels on a side.`,
    });
  });
});

describe('base64 and data URLs', () => {
  it('round-trips any bytes through base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        expect(bytesFromBase64(base64FromBytes(bytes))).toEqual(bytes);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses base64 with spaces, bad padding or other characters', () => {
    for (const text of ['QUJD RA==', 'QUJDRA=', 'QUJD*A==', 'QQ']) {
      expect(bytesFromBase64(text)).toBeUndefined();
    }
  });

  it('reads the bytes of an image data URL and nothing else', () => {
    const url = `data:image/jpeg;base64,${base64FromBytes(jpeg)}`;
    expect(bytesFromDataUrl(url)).toEqual(jpeg);
    expect(bytesFromDataUrl(`data:text/html;base64,${base64FromBytes(jpeg)}`)).toBeUndefined();
    expect(bytesFromDataUrl('https://example.com/a.jpg')).toBeUndefined();
  });
});
