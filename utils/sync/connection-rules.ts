/**
 * What a connection must be before anything reaches a server: an address the viewer's
 * credentials may travel to, and a passphrase long enough. Kept apart from the WebDAV client
 * so the connect form checks them without loading that library into the page.
 */

export const minPassphraseLength = 8;

/** Only https, except on this machine, where a local server is the viewer's own. */
export function isAcceptedAddress(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === 'https:') return true;
  return (
    parsed.protocol === 'http:' &&
    (parsed.hostname === '127.0.0.1' ||
      parsed.hostname === 'localhost' ||
      parsed.hostname === '[::1]')
  );
}
