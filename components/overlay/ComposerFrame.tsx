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
 * extension's origin, where the page cannot listen to them.
 */
export function ComposerFrame(props: {
  session: ComposerSession;
  frameRef: Ref<HTMLIFrameElement>;
}) {
  const { token, kind } = props.session;
  const src = `${browser.runtime.getURL('/composer.html')}?s=${token}`;
  return (
    <iframe
      ref={props.frameRef}
      class={`composer composer-${kind}`}
      src={src}
      title={composerTitle(kind)}
      onLoad={(event) => (event.currentTarget as HTMLIFrameElement).focus()}
    />
  );
}
