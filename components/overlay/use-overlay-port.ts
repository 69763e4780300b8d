import { useEffect, useMemo } from 'preact/hooks';
import { connectOverlayPort } from '@/utils/messaging/overlay-port';
import type { Push } from '@/utils/messaging/protocol';
import type { VideoInfo } from '@/utils/model/records';
import type { Player } from '@/utils/players';
import { useLatest } from './use-latest';

export type OverlayPort = ReturnType<typeof connectOverlayPort>;

/**
 * The overlay's port to the background, open as long as the overlay is. Pushes arrive at
 * any time after the render that opened it: each goes to the `onPush` of the latest
 * render, so it sees the current video and the editor open now.
 */
export function useOverlayPort(handlers: {
  onPush: (push: Push) => void;
  onOrphaned: () => void;
}): OverlayPort {
  const latest = useLatest(handlers);
  const port = useMemo(
    () =>
      connectOverlayPort({
        onPush: (push) => latest.current.onPush(push),
        onOrphaned: () => latest.current.onOrphaned(),
      }),
    [latest],
  );
  useEffect(() => () => port.close(), [port]);
  return port;
}

/**
 * Tells the background which video this frame shows, so it pushes that video's notes and
 * cards, and when the viewer plays, pauses or points at it, so a shortcut goes to the
 * frame the viewer means.
 */
export function useReportWatching(
  port: OverlayPort,
  player: Player,
  identity: VideoInfo | undefined,
): void {
  const { video } = player;

  useEffect(() => {
    // Events the page makes up must not steer the shortcuts to this frame.
    const onActivity = (event: Event) => {
      if (event.isTrusted) port.post({ type: 'activity', isPlaying: !video.paused });
    };
    video.addEventListener('play', onActivity);
    video.addEventListener('pause', onActivity);
    player.container.addEventListener('pointerenter', onActivity);
    return () => {
      video.removeEventListener('play', onActivity);
      video.removeEventListener('pause', onActivity);
      player.container.removeEventListener('pointerenter', onActivity);
    };
  }, [player, video, port]);

  // The title and duration often settle after the key: tell the background each time.
  useEffect(() => {
    if (identity) port.post({ type: 'watch', video: identity });
  }, [identity?.key, identity?.title, identity?.duration, port]);
}

/**
 * Tells the background which editor this overlay shows, now and after every reconnect: an
 * editor closed while the port was down (its "closed" push had nowhere to go) is closed
 * then.
 */
export function useReportEditor(port: OverlayPort, token: string | undefined): void {
  useEffect(() => port.post(token ? { type: 'editor', token } : { type: 'editor' }), [port, token]);
}
