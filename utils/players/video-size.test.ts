import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isWatchableVideo } from './video-size';

class FakeVideo {
  constructor(
    readonly offsetWidth: number,
    readonly offsetHeight: number,
  ) {}
}

describe('isWatchableVideo', () => {
  beforeEach(() => vi.stubGlobal('HTMLVideoElement', FakeVideo));
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    [160, 90, true],
    [1280, 720, true],
    [159, 720, false],
    [1280, 89, false],
    [0, 0, false],
  ])('takes a %i×%i video as watchable: %s', (width, height, expected) => {
    expect(isWatchableVideo(new FakeVideo(width, height))).toBe(expected);
  });

  it('does not take an element that is not a video, however large', () => {
    expect(isWatchableVideo({ offsetWidth: 1280, offsetHeight: 720 })).toBe(false);
    expect(isWatchableVideo(undefined)).toBe(false);
  });
});
