import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { uuidv7 } from '@/utils/model/ids';
import { formatNumber } from '@/utils/model/locale';
import { limits, noteTextProblem } from '@/utils/model/records';
import { formatTimestamp } from '@/utils/timeline/time';
import type { Outbox, Session } from './session';

export function NoteForm(props: {
  token: string;
  session: Session;
  outbox: Outbox;
  onClose: (saved: boolean) => void;
}) {
  const { session } = props;
  const [text, setText] = useState(session.note?.text ?? '');
  const [problem, setProblem] = useState<string>();
  const [isSaving, setSaving] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const field = textarea.current;
    field?.focus();
    field?.setSelectionRange(field.value.length, field.value.length);
  }, []);

  async function save() {
    if (isSaving) return;
    const reason = noteTextProblem(text);
    if (reason) return setProblem(reason);
    setSaving(true);
    const startedAt = performance.now();
    const now = Date.now();
    const response = await props.outbox.push({
      type: 'composer.submit',
      token: props.token,
      note: {
        id: session.note?.id ?? uuidv7(now),
        text,
        createdAt: session.note?.createdAt ?? now,
        updatedAt: now,
      },
    });
    setSaving(false);
    if (!response.ok) return setProblem(response.error);
    // Enter to acknowledgement, for `npm run bench` and the browser's performance panel.
    performance.measure('cuecards:note-save', { start: startedAt });
    props.onClose(true);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      props.onClose(false);
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void save();
    }
  }

  const isLong = text.length > limits.noteText * 0.9;
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label class="heading" for="note-text">
        {session.note ? i18n.t('editor.editNote') : i18n.t('editor.newNote')}
        <span class="time">
          {' '}
          {i18n.t('editor.at', [formatTimestamp(session.note?.t ?? session.target.t)])}
        </span>
      </label>
      <textarea
        id="note-text"
        ref={textarea}
        value={text}
        placeholder={i18n.t('editor.notePlaceholder')}
        aria-describedby="composer-hint composer-problem"
        aria-invalid={problem !== undefined}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setProblem(undefined);
        }}
        onKeyDown={onKeyDown}
      />
      <div class="footer">
        <p id="composer-problem" class="problem" role="alert">
          {problem}
        </p>
        <p id="composer-hint" class="hint">
          {isLong && !problem
            ? `${formatNumber(text.length)} / ${formatNumber(limits.noteText)}`
            : i18n.t('editor.noteHint')}
        </p>
        <button type="button" onClick={() => props.onClose(false)}>
          {i18n.t('common.cancel')}
        </button>
        <button type="submit" class="primary" disabled={isSaving}>
          {i18n.t('common.save')}
        </button>
      </div>
    </form>
  );
}
