import { useEffect, useState } from 'preact/hooks';
import type { VideoInfo } from '@/utils/model/records';
import type { Player } from '@/utils/players';

/**
 * Which video the player shows and how long it is. The page may swap the video in place
 * (YouTube's navigation, a new src): both follow.
 */
export function useWatchedVideo(player: Player): {
  identity: VideoInfo | undefined;
  duration: number;
} {
  const { video } = player;
  const [identity, setIdentity] = useState<VideoInfo | undefined>(() => player.identify());
  const [duration, setDuration] = useState(() => video.duration);

  useEffect(() => {
    const refresh = () => {
      setIdentity(player.identify());
      setDuration(video.duration);
    };
    const stopNavigate = player.onNavigate(refresh);
    video.addEventListener('loadedmetadata', refresh);
    video.addEventListener('durationchange', refresh);
    // The metadata may have arrived between the first render and these listeners.
    refresh();
    return () => {
      stopNavigate();
      video.removeEventListener('loadedmetadata', refresh);
      video.removeEventListener('durationchange', refresh);
    };
  }, [player, video]);

  return { identity, duration };
}
