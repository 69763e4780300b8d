import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * WXT's content-script context announces every start to the page in a window message named
 * after the extension's id (the `noScriptStartedPostMessage` option of the overlay turns it
 * off), and stops itself when a document event of that name comes back from "a newer copy".
 * From the message the page would read the id (which defeats the editor's dynamic URL); a
 * page that knows the id (a store extension has the same one everywhere) would remove the
 * overlay with one event. The overlay needs neither: it marks its frame so it never runs
 * twice there, and a copy orphaned by an update stops when its port to the background closes.
 */
export function ignorePageStartEvents(ctx: ContentScriptContext): void {
  ctx.verifyScriptStartedEvent = () => false;
}
