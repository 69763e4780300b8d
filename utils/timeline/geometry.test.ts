import { describe, expect, it } from 'vitest';
import { markerPercent, pictureBox } from './geometry';

describe('pictureBox', () => {
  it('leaves out the black bars of a 4:3 picture in a 16:9 player', () => {
    const box = pictureBox(1600, 900, 640, 480);
    expect(box.top).toBe(0);
    expect(box.height).toBe(100);
    expect(box.width).toBeCloseTo(75);
    expect(box.left).toBeCloseTo(12.5);
  });

  it('leaves out letterbox bars of a wide picture', () => {
    const box = pictureBox(800, 800, 1920, 1080);
    expect(box.left).toBe(0);
    expect(box.height).toBeCloseTo(56.25);
    expect(box.top).toBeCloseTo(21.875);
  });

  it('covers the whole element before the video size is known or when filled', () => {
    expect(pictureBox(800, 450, 0, 0)).toEqual({ left: 0, top: 0, width: 100, height: 100 });
    expect(pictureBox(800, 800, 1920, 1080, 'cover').height).toBe(100);
  });
});

describe('markerPercent', () => {
  it('places a note at its share of the duration', () => {
    expect(markerPercent(15, 60)).toBe(25);
  });

  it('clamps past the end and refuses unknown durations', () => {
    expect(markerPercent(90, 60)).toBe(100);
    expect(markerPercent(10, Number.NaN)).toBeUndefined();
    expect(markerPercent(10, Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});
