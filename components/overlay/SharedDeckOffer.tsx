import { i18n } from '#i18n';

/**
 * The offer a share link makes: preview its deck (in an extension tab), or not now. Only the
 * viewer's own clicks count: a page can dispatch a click but not a trusted one.
 */
export function SharedDeckOffer(props: { onPreview: () => void; onDismiss: () => void }) {
  return (
    <div class="shared-offer" role="status">
      <span>{i18n.t('overlay.sharedOffer')}</span>
      <button type="button" onClick={(event) => event.isTrusted && props.onPreview()}>
        {i18n.t('overlay.previewDeck')}
      </button>
      <button
        type="button"
        aria-label={i18n.t('overlay.dismissSharedDeck')}
        onClick={props.onDismiss}
      >
        {i18n.t('common.notNow')}
      </button>
    </div>
  );
}
