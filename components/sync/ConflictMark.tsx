import { i18n } from '#i18n';

/** Marks a note or card kept as a conflict copy: one of two versions edited at once on two devices. */
export function ConflictMark(props: { conflictOf: string | undefined }) {
  if (!props.conflictOf) return null;
  return (
    <span class="conflict-copy" title={i18n.t('note.conflictCopyHint')}>
      {i18n.t('note.conflictCopy')}
    </span>
  );
}
