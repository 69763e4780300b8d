import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { type Incoming, readIncoming, readWebVttFor } from '@/utils/formats/incoming';
import { count, formatNumber, formatShortDate } from '@/utils/model/locale';
import { lastBackupItem } from '@/utils/model/settings';
import { importBatch, restoreEverything } from '@/utils/store/bulk';
import type { CuecardsDatabase } from '@/utils/store/database';
import { backupFile, markdownZip, webAnnotationsFile } from '@/utils/store/exports';
import { videosByLastSeen } from '@/utils/store/library';
import { downloadFile, readFileText } from '../transfer/files';
import { ImportPreview } from '../transfer/ImportPreview';
import { useLiveQuery } from '../use-live-query';
import { useStorageItem } from '../use-storage-item';

const maxImportBytes = 200_000_000;

type Status =
  | { kind: 'done' | 'problem'; message: string }
  /** Without done and total, the task cannot tell how far it is. */
  | { kind: 'working'; message: string; done?: number; total?: number }
  | undefined;

/** Tells the viewer how far a long task is: what it is doing, and done of total. */
type Progress = (message: string, done: number, total: number) => void;

/** Export everything, back up and restore, and import files and links, with a preview. */
export function TransferSection(props: { db: CuecardsDatabase }) {
  const { db } = props;
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);
  const lastBackupAt = useStorageItem(lastBackupItem);

  async function run(action: (progress: Progress) => Promise<string>, working?: string) {
    setBusy(true);
    setStatus(working === undefined ? undefined : { kind: 'working', message: working });
    try {
      const message = await action((message, done, total) =>
        setStatus({ kind: 'working', message, done, total }),
      );
      setStatus({ kind: 'done', message });
    } catch (error) {
      setStatus({
        kind: 'problem',
        message: error instanceof Error ? error.message : String(error),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{i18n.t('transfer.export')}</h2>
        <div class="actions">
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const zip = await markdownZip(db, new Date());
                if (zip.videoCount === 0) return i18n.t('transfer.nothingToExport');
                downloadFile(zip);
                return count('videos.exported', zip.videoCount);
              }, i18n.t('transfer.exporting'))
            }
          >
            {i18n.t('transfer.downloadZip')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                downloadFile(await webAnnotationsFile(db, new Date()));
                return i18n.t('transfer.exportedAnnotations');
              }, i18n.t('transfer.exporting'))
            }
          >
            {i18n.t('transfer.downloadAnnotations')}
          </button>
        </div>
      </section>
      <section aria-labelledby="backup-heading">
        <h2 id="backup-heading">{i18n.t('transfer.backup')}</h2>
        <p class="muted">
          {i18n.t('transfer.backupWhy')}{' '}
          {lastBackupAt
            ? i18n.t('transfer.lastBackup', [formatShortDate(lastBackupAt)])
            : i18n.t('transfer.noBackup')}
        </p>
        <div class="actions">
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const at = new Date();
                downloadFile(await backupFile(db, at));
                await lastBackupItem.setValue(at.getTime());
                return i18n.t('transfer.backupDownloaded');
              }, i18n.t('transfer.backingUp'))
            }
          >
            {i18n.t('transfer.backUpEverything')}
          </button>
        </div>
      </section>
      <ImportSection
        db={db}
        busy={busy}
        run={run}
        onReading={(name) =>
          setStatus(
            name === undefined
              ? undefined
              : { kind: 'working', message: i18n.t('transfer.reading', [name]) },
          )
        }
      />
      {status && (
        <p class={status.kind} role={status.kind === 'problem' ? 'alert' : 'status'}>
          {status.message}
          {status.kind === 'working' && (
            <progress value={status.done} max={status.total} aria-label={status.message} />
          )}
        </p>
      )}
    </>
  );
}

function ImportSection(props: {
  db: CuecardsDatabase;
  busy: boolean;
  run: (action: (progress: Progress) => Promise<string>) => Promise<void>;
  /** A file is being read and checked (a large backup takes a second or two), or no more. */
  onReading: (name: string | undefined) => void;
}) {
  const { db } = props;
  const [incoming, setIncoming] = useState<{ value: Incoming; from: string }>();
  const [problem, setProblem] = useState<string>();
  const [link, setLink] = useState('');

  function read(text: string, from: string) {
    setProblem(undefined);
    setIncoming(undefined);
    const parsed = readIncoming(text, Date.now());
    if (parsed.ok) setIncoming({ value: parsed.value, from });
    else setProblem(parsed.error);
  }

  async function commit(value: Exclude<Incoming, { kind: 'webvtt' }>, from: string) {
    await props.run(async (progress) => {
      setIncoming(undefined);
      if (value.kind === 'backup') {
        const outcome = await restoreEverything(db, value.backup, (written, total) =>
          progress(
            i18n.t('transfer.restoring', [formatNumber(written), formatNumber(total)]),
            written,
            total,
          ),
        );
        const written = outcome.notes + outcome.cards + outcome.decks + outcome.videos;
        return written === 0
          ? i18n.t('transfer.alreadyRestored')
          : i18n.t('transfer.restored', [
              count('count.notes', outcome.notes),
              count('count.cards', outcome.cards),
              count('count.decks', outcome.decks),
              count('count.videos', outcome.videos),
            ]);
      }
      const outcome = await importBatch(db, value.batch, from);
      return outcome.notes + outcome.cards === 0
        ? i18n.t('transfer.alreadyImported')
        : i18n.t('transfer.imported', [
            count('count.notes', outcome.notes),
            count('count.cards', outcome.cards),
          ]);
    });
  }

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{i18n.t('transfer.importHeading')}</h2>
      <p class="muted">{i18n.t('transfer.importWhat')}</p>
      <label class="field">
        {i18n.t('transfer.importFile')}
        <input
          type="file"
          accept=".json,.jsonld,.vtt,.srt,application/json,application/ld+json,text/vtt,application/x-subrip"
          disabled={props.busy}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (!file) return;
            props.onReading(file.name);
            readFileText(file, maxImportBytes)
              .then(
                (text) => read(text, file.name),
                (error: Error) => setProblem(error.message),
              )
              .finally(() => props.onReading(undefined));
          }}
        />
      </label>
      <form
        class="link-form"
        onSubmit={(event) => {
          event.preventDefault();
          read(link, 'share link');
        }}
      >
        <label class="field">
          {i18n.t('transfer.pasteLink')}
          <input
            type="url"
            value={link}
            placeholder="https://…#cuecards=…"
            onInput={(event) => setLink(event.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={props.busy || link.trim() === ''}>
          {i18n.t('transfer.readLink')}
        </button>
      </form>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {incoming?.value.kind === 'webvtt' && (
        <WebVttTarget
          db={db}
          text={incoming.value.text}
          onRead={(value) => setIncoming({ value, from: incoming.from })}
          onProblem={setProblem}
        />
      )}
      {incoming && incoming.value.kind !== 'webvtt' && (
        <section class="import-review" aria-label={i18n.t('transfer.preview')}>
          <ImportPreview incoming={incoming.value} />
          <div class="actions">
            <button
              type="button"
              disabled={props.busy}
              onClick={() => {
                const value = incoming.value;
                if (value.kind !== 'webvtt') void commit(value, incoming.from);
              }}
            >
              {incoming.value.kind === 'backup'
                ? i18n.t('transfer.restore')
                : i18n.t('transfer.import')}
            </button>
            <button type="button" onClick={() => setIncoming(undefined)}>
              {i18n.t('common.cancel')}
            </button>
          </div>
        </section>
      )}
    </section>
  );
}

/** WebVTT names no video: the viewer picks one of theirs, and names the deck. */
function WebVttTarget(props: {
  db: CuecardsDatabase;
  text: string;
  onRead: (incoming: Incoming) => void;
  onProblem: (problem: string) => void;
}) {
  const videos = useLiveQuery(() => videosByLastSeen(props.db), []);
  const [key, setKey] = useState<string>();
  const [title, setTitle] = useState(() => i18n.t('transfer.vttDeckTitle'));
  const chosen = videos?.find((video) => video.key === (key ?? videos[0]?.key));
  if (videos?.length === 0) {
    return (
      <p class="problem" role="alert">
        {i18n.t('transfer.vttNeedsVideo')}
      </p>
    );
  }
  return (
    <form
      class="vtt-target"
      onSubmit={(event) => {
        event.preventDefault();
        if (!chosen) return;
        const { lastSeenAt: _seen, ...video } = chosen;
        const parsed = readWebVttFor(props.text, video, title.trim() || 'WebVTT', Date.now());
        if (parsed.ok) props.onRead(parsed.value);
        else props.onProblem(parsed.error);
      }}
    >
      <label class="field">
        {i18n.t('transfer.vttVideo')}
        <select value={chosen?.key} onChange={(event) => setKey(event.currentTarget.value)}>
          {videos?.map((video) => (
            <option key={video.key} value={video.key}>
              {video.title || video.url}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        {i18n.t('transfer.deckName')}
        <input value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
      </label>
      <button type="submit">{i18n.t('transfer.previewButton')}</button>
    </form>
  );
}
