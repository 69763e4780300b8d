// Imported by the detector, which runs in every frame of every page: this file imports nothing.

/**
 * Whether the node is a video laid out at 160×90 CSS pixels or more, the smallest that gets an
 * overlay: anything smaller is a thumbnail preview, an ad or a decorative loop, with no room
 * for markers or cards. The numbers stay literals so the detector carries no more than this.
 */
export function isWatchableVideo(node: unknown): node is HTMLVideoElement {
  return node instanceof HTMLVideoElement && node.offsetWidth >= 160 && node.offsetHeight >= 90;
}
