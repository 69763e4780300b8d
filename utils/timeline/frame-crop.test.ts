import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CropInput, cropOfCapture, frameSize, maxFrameWidth } from './frame-crop';
import type { Box } from './geometry';

const base: CropInput = {
  element: { left: 100, top: 50, width: 800, height: 600 },
  videoWidth: 1920,
  videoHeight: 1080,
  objectFit: 'contain',
  viewport: { width: 1280, height: 720 },
  pixelRatio: 1,
  capture: { width: 1280, height: 720 },
};

describe('frameSize', () => {
  it('keeps a frame at the video’s own resolution up to 1920 wide', () => {
    expect(frameSize(1280, 720)).toEqual({ width: 1280, height: 720 });
    expect(frameSize(3840, 2160)).toEqual({ width: 1920, height: 1080 });
    expect(frameSize(1080, 1920)).toEqual({ width: 1080, height: 1920 });
  });
});

describe('cropOfCapture', () => {
  it('leaves out the black bars above and below a wide video', () => {
    // 800 wide at 16:9 is 450 high, centred in 600: bars of 75 above and below.
    expect(cropOfCapture(base)).toEqual({
      source: { left: 100, top: 125, width: 800, height: 450 },
      width: 800,
      height: 450,
    });
  });

  it('leaves out the bars beside a tall video', () => {
    const crop = cropOfCapture({ ...base, videoWidth: 1080, videoHeight: 1920 });
    // 600 high at 9:16 is 337.5 wide, centred: from 331.25 to 668.75, rounded inwards.
    expect(crop?.source).toEqual({ left: 332, top: 50, width: 336, height: 600 });
  });

  it('takes device pixels at the page’s pixel ratio', () => {
    const crop = cropOfCapture({ ...base, pixelRatio: 2, capture: { width: 2560, height: 1440 } });
    expect(crop).toEqual({
      source: { left: 200, top: 250, width: 1600, height: 900 },
      width: 1600,
      height: 900,
    });
  });

  it('caps the frame at 1920 wide, keeping its shape', () => {
    const crop = cropOfCapture({
      ...base,
      element: { left: 0, top: 0, width: 1280, height: 720 },
      pixelRatio: 2,
      capture: { width: 2560, height: 1440 },
    });
    expect(crop).toEqual({
      source: { left: 0, top: 0, width: 2560, height: 1440 },
      width: 1920,
      height: 1080,
    });
  });

  it('keeps the whole element for object-fit fill and the visible part for cover', () => {
    expect(cropOfCapture({ ...base, objectFit: 'fill' })?.source).toEqual(base.element);
    expect(cropOfCapture({ ...base, objectFit: 'cover' })?.source).toEqual(base.element);
  });

  it('follows object-position when the picture is not centred', () => {
    const crop = cropOfCapture({ ...base, objectPosition: { x: 0.5, y: 0 } });
    expect(crop?.source).toEqual({ left: 100, top: 50, width: 800, height: 450 });
  });

  it('leaves out the part of the video scrolled out of the viewport', () => {
    const crop = cropOfCapture({
      ...base,
      element: { left: 100, top: 400, width: 800, height: 450 },
    });
    expect(crop?.source).toEqual({ left: 100, top: 400, width: 800, height: 320 });
  });

  it('leaves out the overlay’s controls over the bottom of the picture', () => {
    const controls = { left: 100, top: 535, width: 800, height: 40 };
    const crop = cropOfCapture({ ...base, excluded: [controls] });
    expect(crop?.source).toEqual({ left: 100, top: 125, width: 800, height: 410 });
  });

  it('finds no picture in a video out of view or without a size yet', () => {
    expect(
      cropOfCapture({ ...base, element: { left: 0, top: 900, width: 800, height: 450 } }),
    ).toBeUndefined();
    expect(cropOfCapture({ ...base, videoWidth: 0, videoHeight: 0 })).toBeUndefined();
  });

  const box = (max: number) =>
    fc.record({
      left: fc.double({ min: -200, max, noNaN: true }),
      top: fc.double({ min: -200, max, noNaN: true }),
      width: fc.double({ min: 1, max, noNaN: true }),
      height: fc.double({ min: 1, max, noNaN: true }),
    });
  const inputs = fc
    .record({
      element: box(1500),
      videoWidth: fc.integer({ min: 1, max: 4000 }),
      videoHeight: fc.integer({ min: 1, max: 4000 }),
      objectFit: fc.constantFrom('contain', 'cover', 'fill', 'none', 'scale-down'),
      pixelRatio: fc.constantFrom(0.5, 1, 1.25, 1.5, 2, 3),
      excluded: fc.array(box(1500), { maxLength: 3 }),
    })
    .map(
      (input): CropInput => ({
        ...input,
        viewport: { width: 1280, height: 720 },
        capture: {
          width: Math.round(1280 * input.pixelRatio),
          height: Math.round(720 * input.pixelRatio),
        },
      }),
    );
  const overlaps = (a: Box, b: Box) =>
    a.left < b.left + b.width &&
    b.left < a.left + a.width &&
    a.top < b.top + b.height &&
    b.top < a.top + a.height;

  it('stays inside the capture and the element, and off every excluded box', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const crop = cropOfCapture(input);
        if (!crop) return;
        const { source } = crop;
        const ratio = input.pixelRatio;
        expect(Number.isInteger(source.left) && Number.isInteger(source.width)).toBe(true);
        expect(source.left).toBeGreaterThanOrEqual(0);
        expect(source.top).toBeGreaterThanOrEqual(0);
        expect(source.left + source.width).toBeLessThanOrEqual(input.capture.width);
        expect(source.top + source.height).toBeLessThanOrEqual(input.capture.height);
        const inCss = {
          left: source.left / ratio,
          top: source.top / ratio,
          width: source.width / ratio,
          height: source.height / ratio,
        };
        const slack = 1e-6;
        expect(inCss.left).toBeGreaterThanOrEqual(input.element.left - slack);
        expect(inCss.left + inCss.width).toBeLessThanOrEqual(
          input.element.left + input.element.width + slack,
        );
        for (const hole of input.excluded ?? []) {
          const shrunk = {
            left: hole.left + slack,
            top: hole.top + slack,
            width: hole.width - 2 * slack,
            height: hole.height - 2 * slack,
          };
          expect(overlaps(inCss, shrunk)).toBe(false);
        }
        expect(crop.width).toBeLessThanOrEqual(maxFrameWidth);
        expect(crop.width).toBeLessThanOrEqual(source.width);
      }),
    );
  });

  it('keeps the video’s shape when the whole picture is in view and nothing covers it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 160, max: 1920 }),
        fc.integer({ min: 90, max: 1080 }),
        fc.integer({ min: 200, max: 1280 }),
        fc.integer({ min: 200, max: 720 }),
        (videoWidth, videoHeight, width, height) => {
          const crop = cropOfCapture({
            ...base,
            element: { left: 0, top: 0, width, height },
            videoWidth,
            videoHeight,
          });
          expect(crop).toBeDefined();
          const { source } = crop!;
          // Rounded inwards by under a pixel on each side.
          const scale = Math.min(width / videoWidth, height / videoHeight);
          expect(Math.abs(source.width - videoWidth * scale)).toBeLessThan(2);
          expect(Math.abs(source.height - videoHeight * scale)).toBeLessThan(2);
        },
      ),
    );
  });
});
