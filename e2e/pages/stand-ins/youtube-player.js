// Stand-in for YouTube's player script (served as /s/player/stand-in.js): a play button and a
// progress bar that follows and seeks the video, so the player chrome behaves like YouTube's.
(() => {
  const player = document.getElementById('movie_player');
  const video = player.querySelector('video');
  const play = player.querySelector('.ytp-play-button');
  const bar = player.querySelector('.ytp-progress-bar');
  const played = player.querySelector('.ytp-play-progress');
  const now = player.querySelector('.ytp-time-current');
  const total = player.querySelector('.ytp-time-duration');
  const clock = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

  const update = () => {
    const duration = Number.isFinite(video.duration) ? video.duration : 0;
    played.style.transform = `scaleX(${duration ? video.currentTime / duration : 0})`;
    bar.setAttribute('aria-valuemax', String(Math.round(duration)));
    bar.setAttribute('aria-valuenow', String(Math.round(video.currentTime)));
    now.textContent = clock(video.currentTime);
    total.textContent = clock(duration);
    play.setAttribute('aria-label', video.paused ? 'Play (k)' : 'Pause (k)');
    play.textContent = video.paused ? '▶' : '❚❚';
  };
  for (const type of ['timeupdate', 'durationchange', 'play', 'pause', 'seeked', 'emptied']) {
    video.addEventListener(type, update);
  }
  play.addEventListener('click', () => (video.paused ? video.play() : video.pause()));
  bar.parentElement.addEventListener('click', (event) => {
    const box = bar.getBoundingClientRect();
    if (!video.duration) return;
    video.currentTime = ((event.clientX - box.left) / box.width) * video.duration;
  });
  update();
  // `?autoplay=1` plays at once, muted, as YouTube starts a video opened from a link.
  if (new URLSearchParams(location.search).get('autoplay') === '1') {
    video.muted = true;
    video.play().catch(() => {});
  }
})();
