import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { uuidv7 } from '@/utils/model/ids';
import { type CardKind, type CardShape, cardKinds, cardRules } from '@/utils/model/records';
import { cardProblem, cardSentences } from '@/utils/model/rule-sentences';
import { defaultSettings, loadSettings } from '@/utils/model/settings';
import { formatTimestamp, parseTimestamp } from '@/utils/timeline/time';
import { type Outbox, resumeSession, type Session } from './session';

export function kindLabel(kind: CardKind): string {
  return i18n.t(`kind.${kind}`);
}

/** Why the card as typed cannot be saved, or undefined when it can. */
function draftProblem(
  draft: Omit<CardShape, 'start' | 'end'> & { start: number | undefined; end: number | undefined },
): string | undefined {
  // A card without words says so before its times are read.
  if (!cardRules.hasWords.isKept(draft)) return cardSentences.hasWords(draft);
  if (draft.start === undefined) return i18n.t('editor.badStart');
  if (draft.end === undefined) return i18n.t('editor.badEnd');
  return cardProblem({ ...draft, start: draft.start, end: draft.end });
}

/** A time field that ArrowUp/ArrowDown move by a second (Shift: five). */
function TimeField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label class="time-field" for={props.id}>
      {props.label}
      <input
        id={props.id}
        value={props.value}
        inputMode="numeric"
        size={7}
        onInput={(event) => props.onChange(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
          event.preventDefault();
          const current = parseTimestamp(props.value) ?? 0;
          const step = (event.shiftKey ? 5 : 1) * (event.key === 'ArrowUp' ? 1 : -1);
          props.onChange(formatTimestamp(Math.max(0, Math.floor(current) + step)));
        }}
      />
    </label>
  );
}

export function CardForm(props: {
  token: string;
  session: Session;
  outbox: Outbox;
  onClose: (saved: boolean) => void;
}) {
  const { session } = props;
  const stored = session.card;
  const prefill = session.target.kind === 'card' ? session.target.prefill : undefined;
  const startAt = stored?.start ?? prefill?.start ?? session.target.t;
  const [title, setTitle] = useState(stored?.title ?? '');
  const [text, setText] = useState(stored?.text ?? prefill?.text ?? '');
  const [kind, setKind] = useState<CardKind>(stored?.kind ?? 'fact');
  const [link, setLink] = useState(stored?.link ?? '');
  const [start, setStart] = useState(formatTimestamp(startAt));
  const [end, setEnd] = useState(
    formatTimestamp(stored?.end ?? startAt + defaultSettings.defaultCardSeconds),
  );
  const [problem, setProblem] = useState<string>();
  // The session expired (the browser forgot it): the viewer may save the card anyway.
  const [isExpired, setExpired] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    firstField.current?.focus();
    if (stored) return;
    void loadSettings().then((settings) =>
      setEnd(formatTimestamp(Math.floor(startAt) + settings.defaultCardSeconds)),
    );
  }, []);

  async function save(isAnyway = false) {
    if (isSaving) return;
    const draft = {
      title,
      text,
      link: link.trim() || undefined,
      start: parseTimestamp(start),
      end: parseTimestamp(end),
    };
    const reason = draftProblem(draft);
    if (reason || draft.start === undefined || draft.end === undefined) return setProblem(reason);
    setSaving(true);
    if (isAnyway) {
      const failure = await resumeSession(props.token, session, props.outbox);
      if (failure) {
        setSaving(false);
        return setProblem(failure);
      }
    }
    const now = Date.now();
    // The session's card from the moment the editor opened: saved twice, it is one card.
    const cardId = stored?.id ?? (session.target.kind === 'card' && session.target.cardId);
    const response = await props.outbox.push({
      type: 'composer.submit-card',
      token: props.token,
      card: {
        id: cardId || uuidv7(now),
        start: draft.start,
        end: draft.end,
        title: title.trim(),
        text: text.trim(),
        link: draft.link,
        kind,
        createdAt: stored?.createdAt ?? now,
        updatedAt: now,
      },
    });
    setSaving(false);
    // The fields keep what the viewer typed whatever went wrong.
    if (!response.ok) {
      setExpired(response.isExpired === true);
      return setProblem(response.isExpired ? i18n.t('editor.expiredSaveAnyway') : response.error);
    }
    props.onClose(true);
  }

  const change = (set: (value: string) => void) => (value: string) => {
    set(value);
    setProblem(undefined);
    setExpired(false);
  };

  return (
    <form
      class="composer card-composer"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.isComposing) return;
        if (event.key === 'Escape') {
          event.preventDefault();
          props.onClose(false);
        } else if (
          event.key === 'Enter' &&
          !event.shiftKey &&
          event.target instanceof HTMLTextAreaElement
        ) {
          event.preventDefault();
          void save();
        }
      }}
    >
      <p class="heading">{stored ? i18n.t('editor.editCard') : i18n.t('editor.newCard')}</p>
      <div class="row">
        <label class="grow" for="card-title">
          {i18n.t('editor.title')}
          <input
            id="card-title"
            ref={firstField}
            value={title}
            placeholder={i18n.t('editor.titlePlaceholder')}
            onInput={(event) => change(setTitle)(event.currentTarget.value)}
          />
        </label>
        <label for="card-kind">
          {i18n.t('editor.kind')}
          <select
            id="card-kind"
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as CardKind)}
          >
            {cardKinds.map((option) => (
              <option key={option} value={option}>
                {kindLabel(option)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label for="card-text">
        {i18n.t('editor.text')}
        <textarea
          id="card-text"
          value={text}
          onInput={(event) => change(setText)(event.currentTarget.value)}
        />
      </label>
      <div class="row">
        <TimeField
          id="card-start"
          label={i18n.t('editor.start')}
          value={start}
          onChange={change(setStart)}
        />
        <TimeField
          id="card-end"
          label={i18n.t('editor.end')}
          value={end}
          onChange={change(setEnd)}
        />
        <label class="grow" for="card-link">
          {i18n.t('editor.link')}
          <input
            id="card-link"
            type="url"
            value={link}
            placeholder="https://"
            onInput={(event) => change(setLink)(event.currentTarget.value)}
          />
        </label>
      </div>
      <div class="footer">
        <p id="composer-problem" class="problem" role="alert">
          {problem}
        </p>
        <p class="hint">{i18n.t('editor.cardHint')}</p>
        <button type="button" onClick={() => props.onClose(false)}>
          {i18n.t('common.cancel')}
        </button>
        {isExpired ? (
          <button type="button" class="primary" disabled={isSaving} onClick={() => void save(true)}>
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
