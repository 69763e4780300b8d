import type { Ref } from 'preact';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { ComposerTarget } from '@/utils/messaging/protocol';
import type { ComposerSession } from './use-composer';

const composerTitle = (kind: ComposerTarget['kind']) =>
  kind === 'note'
    ? i18n.t('overlay.noteEditor')
    : kind === 'card'
      ? i18n.t('overlay.cardEditor')
      : i18n.t('overlay.sharedDeck');

/**
 * The editor is an extension page in a frame: keystrokes typed there stay in the
 * extension's origin, where the page cannot listen to them. When the page took focus away
 * from it (and got none of the keys) the viewer is told, under the frame.
 */
export function ComposerFrame(props: {
  session: ComposerSession;
  frameRef: Ref<HTMLIFrameElement>;
}) {
  const { token, kind, wasFocusTaken } = props.session;
  const src = `${browser.runtime.getURL('/composer.html')}?s=${token}`;
  return (
    <>
      <iframe
        ref={props.frameRef}
        class={`composer composer-${kind}`}
        src={src}
        title={composerTitle(kind)}
        onLoad={(event) => (event.currentTarget as HTMLIFrameElement).focus()}
      />
      {wasFocusTaken && (
        <p class="composer-notice" role="status">
          {i18n.t('overlay.focusTaken')}
        </p>
      )}
    </>
  );
}
