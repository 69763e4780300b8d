// For unit tests: Node has no image decoder, so this one reads the size the header gives.
import { readImageHeader } from './image-bytes';
import type { ImageCodec } from './image-codec';

/**
 * Decodes nothing: "decoding" reads the picture's header again and fails where there is none,
 * and no thumbnail is made. The browser's codec (browserImageCodec) is the real one.
 */
export const headerImageCodec: ImageCodec = {
  async decode(image) {
    const header = readImageHeader(new Uint8Array(await image.arrayBuffer()));
    if (!header) throw new Error('No picture header');
    return { width: header.width, height: header.height };
  },
  async shrink() {
    return undefined;
  },
};
