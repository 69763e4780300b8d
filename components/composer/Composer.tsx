import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { uuidv7 } from '@/utils/ids';
import type { ResponseValue } from '@/utils/messages';
import { createOutbox } from '@/utils/outbox';
import { limits } from '@/utils/records';
import { sendRequest } from '@/utils/request';
import { formatTimestamp } from '@/utils/time';

type Session = ResponseValue['composer.session'];

const numberFormat = new Intl.NumberFormat('en');

/** Why this text cannot be saved, or undefined when it can. */
export function noteTextProblem(text: string): string | undefined {
  if (text.trim().length === 0) return 'Empty notes are not saved. Type something, or press Esc.';
  if (text.length > limits.noteText) {
    return `This note has ${numberFormat.format(text.length)} characters; the limit is ${numberFormat.format(limits.noteText)}.`;
  }
  return undefined;
}

export function Composer(props: { token: string }) {
  const [session, setSession] = useState<Session>();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const [isSaving, setSaving] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const outbox = useMemo(() => createOutbox(sendRequest), []);

  useEffect(() => {
    void sendRequest({ type: 'composer.session', token: props.token }).then((response) => {
      if (!response?.ok) {
        setProblem(response?.error ?? 'This editor could not start.');
        return;
      }
      setSession(response.value);
      setText(response.value.note?.text ?? '');
    });
  }, [props.token]);

  useEffect(() => {
    if (!session) return;
    const field = textarea.current;
    field?.focus();
    field?.setSelectionRange(field.value.length, field.value.length);
  }, [session]);

  async function save() {
    if (!session || isSaving) return;
    const reason = noteTextProblem(text);
    if (reason) return setProblem(reason);
    setSaving(true);
    const startedAt = performance.now();
    const now = Date.now();
    const response = await outbox.push({
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
    close(true);
  }

  function close(saved: boolean) {
    void sendRequest({ type: 'composer.close', token: props.token, saved });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      close(false);
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
        {session?.note ? 'Edit note' : 'New note'}
        {session && <span class="time"> at {formatTimestamp(session.t)}</span>}
      </label>
      <textarea
        id="note-text"
        ref={textarea}
        value={text}
        disabled={!session}
        placeholder="What do you notice here? #tags work too"
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
            ? `${numberFormat.format(text.length)} / ${numberFormat.format(limits.noteText)}`
            : 'Enter saves · Shift+Enter new line · Esc cancels'}
        </p>
        <button type="button" onClick={() => close(false)}>
          Cancel
        </button>
        <button type="submit" class="primary" disabled={!session || isSaving}>
          Save
        </button>
      </div>
    </form>
  );
}
