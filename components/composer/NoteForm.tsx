import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { formatNumber } from '@/utils/model/locale';
import { limits } from '@/utils/model/records';
import { noteTextProblem } from '@/utils/model/rule-sentences';

/**
 * Where the editor sits: the composer page over the video, headed by what it edits, or a
 * note's row in the popup's list, where the row's time already says which note it is.
 */
type Placement =
  | { placement: 'composer'; heading: ComponentChildren }
  | { placement: 'list'; label: string };

/**
 * Why a save did not happen: words to show, or words and another way to save (an editor
 * whose session expired saves the text anyway, once the viewer asks).
 */
export type SaveFailure =
  | string
  | { problem: string; saveAnyway: () => Promise<SaveFailure | undefined> };

/**
 * The note editor of the composer and of the popup: Enter saves, Shift+Enter starts a new
 * line, Esc cancels; a note that breaks a rule is not saved and the editor says why.
 */
export function NoteForm(
  props: Placement & {
    text: string;
    /** Writes the text; resolves to why it was not written, or to undefined once it is. */
    save: (text: string) => Promise<SaveFailure | undefined>;
    /** After a save (`true`) or a cancel (`false`). */
    onClose: (saved: boolean) => void;
  },
) {
  const [text, setText] = useState(props.text);
  const [problem, setProblem] = useState<string>();
  const [saveAnyway, setSaveAnyway] = useState<() => Promise<SaveFailure | undefined>>();
  const [isSaving, setSaving] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fieldId = useId();
  const problemId = useId();
  const hintId = useId();

  useEffect(() => {
    const field = textarea.current;
    field?.focus();
    field?.setSelectionRange(field.value.length, field.value.length);
  }, []);

  async function save(how: () => Promise<SaveFailure | undefined> = () => props.save(text)) {
    if (isSaving) return;
    const reason = noteTextProblem(text);
    if (reason) return setProblem(reason);
    setSaving(true);
    let failure: SaveFailure | undefined;
    try {
      failure = await how();
    } finally {
      setSaving(false);
    }
    // The text stays in the field whatever went wrong: nothing typed is lost.
    if (typeof failure === 'string') return setProblem(failure);
    if (failure) {
      setProblem(failure.problem);
      return setSaveAnyway(() => failure.saveAnyway);
    }
    props.onClose(true);
  }

  function onKeyDown(event: KeyboardEvent) {
    // Keys that finish an input method's composition belong to it, not to the editor.
    if (event.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      props.onClose(false);
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void save();
    }
  }

  const isComposer = props.placement === 'composer';
  const field = (
    <textarea
      id={fieldId}
      ref={textarea}
      value={text}
      aria-label={props.placement === 'list' ? props.label : undefined}
      placeholder={isComposer ? i18n.t('editor.notePlaceholder') : undefined}
      aria-describedby={isComposer ? `${hintId} ${problemId}` : problem && problemId}
      aria-invalid={problem !== undefined}
      onInput={(event) => {
        setText(event.currentTarget.value);
        setProblem(undefined);
        setSaveAnyway(undefined);
      }}
      onKeyDown={onKeyDown}
    />
  );
  const cancel = (
    <button type="button" onClick={() => props.onClose(false)}>
      {i18n.t('common.cancel')}
    </button>
  );
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void save();
  };

  if (props.placement === 'list') {
    return (
      <form class="editor" onSubmit={onSubmit}>
        {field}
        {problem && (
          <p id={problemId} class="problem" role="alert">
            {problem}
          </p>
        )}
        <div class="note-actions">
          <button type="submit" disabled={isSaving}>
            {i18n.t('common.save')}
          </button>
          {cancel}
        </div>
      </form>
    );
  }
  const isLong = text.length > limits.noteText * 0.9;
  return (
    <form class="composer" onSubmit={onSubmit}>
      <label class="heading" for={fieldId}>
        {props.heading}
      </label>
      {field}
      <div class="footer">
        <p id={problemId} class="problem" role="alert">
          {problem}
        </p>
        <p id={hintId} class="hint">
          {isLong && !problem
            ? `${formatNumber(text.length)} / ${formatNumber(limits.noteText)}`
            : i18n.t('editor.noteHint')}
        </p>
        {cancel}
        {saveAnyway ? (
          <button
            type="button"
            class="primary"
            disabled={isSaving}
            onClick={() => void save(saveAnyway)}
          >
            {i18n.t('editor.saveAnyway')}
          </button>
        ) : (
          <button type="submit" class="primary" disabled={isSaving}>
            {i18n.t('common.save')}
          </button>
        )}
      </div>
    </form>
  );
}
