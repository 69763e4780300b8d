import { useState } from 'preact/hooks';
import { backupFile, type ExportFile, markdownZip, webAnnotationsFile } from '@/utils/exports';
import { type Incoming, readIncoming, readWebVttFor } from '@/utils/formats/incoming';
import { lastBackupItem } from '@/utils/settings';
import type { CuecardsDatabase } from '@/utils/store';
import { importBatch, restoreEverything } from '@/utils/store-bulk';
import { downloadFile, readFileText } from '../transfer/files';
import { ImportPreview } from '../transfer/ImportPreview';
import { useLiveQuery } from '../use-live-query';
import { useStorageItem } from '../use-storage-item';

const maxImportBytes = 200_000_000;

type Status = { kind: 'done' | 'problem'; message: string } | undefined;

const plural = (n: number, one: string) => `${n.toLocaleString('en')} ${n === 1 ? one : `${one}s`}`;

/** Export everything, back up and restore, and import files and links, with a preview. */
export function TransferSection(props: { db: CuecardsDatabase }) {
  const { db } = props;
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);
  const lastBackupAt = useStorageItem(lastBackupItem);

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setStatus(undefined);
    try {
      setStatus({ kind: 'done', message: await action() });
    } catch (error) {
      setStatus({
        kind: 'problem',
        message: error instanceof Error ? error.message : String(error),
      });
    } finally {
      setBusy(false);
    }
  }

  const save = (file: ExportFile) => downloadFile(file.name, file.data, file.type);

  return (
    <>
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Export</h2>
        <div class="actions">
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const zip = await markdownZip(db, new Date());
                if (zip.videoCount === 0) return 'There are no notes or cards to export yet.';
                save(zip);
                return `Exported ${plural(zip.videoCount, 'video')} as Markdown.`;
              })
            }
          >
            Download all notes as Markdown (.zip)
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                save(await webAnnotationsFile(db, new Date()));
                return 'Exported as W3C Web Annotations.';
              })
            }
          >
            Download as Web Annotations (.jsonld)
          </button>
        </div>
      </section>
      <section aria-labelledby="backup-heading">
        <h2 id="backup-heading">Backup</h2>
        <p class="muted">
          Uninstalling Cuecards deletes its data. A backup keeps everything, to restore here or in
          another browser.{' '}
          {lastBackupAt
            ? `Last backup: ${new Date(lastBackupAt).toLocaleDateString('en')}.`
            : 'No backup yet.'}
        </p>
        <div class="actions">
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const at = new Date();
                save(await backupFile(db, at));
                await lastBackupItem.setValue(at.getTime());
                return 'Backup downloaded.';
              })
            }
          >
            Back up everything
          </button>
        </div>
      </section>
      <ImportSection db={db} busy={busy} run={run} />
      {status && (
        <p class={status.kind} role={status.kind === 'problem' ? 'alert' : 'status'}>
          {status.message}
        </p>
      )}
    </>
  );
}

function ImportSection(props: {
  db: CuecardsDatabase;
  busy: boolean;
  run: (action: () => Promise<string>) => Promise<void>;
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
    await props.run(async () => {
      setIncoming(undefined);
      if (value.kind === 'backup') {
        const outcome = await restoreEverything(db, value.backup);
        const written = outcome.notes + outcome.cards + outcome.decks + outcome.videos;
        return written === 0
          ? 'Everything in this backup is already here.'
          : `Restored ${plural(outcome.notes, 'note')}, ${plural(outcome.cards, 'card')}, ` +
              `${plural(outcome.decks, 'deck')} and ${plural(outcome.videos, 'video')}.`;
      }
      const outcome = await importBatch(db, value.batch, from);
      return outcome.notes + outcome.cards === 0
        ? 'Everything in it is already here.'
        : `Imported ${plural(outcome.notes, 'note')} and ${plural(outcome.cards, 'card')}.`;
    });
  }

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import and restore</h2>
      <p class="muted">
        A backup, a deck file, a WebVTT file, Web Annotations (JSON-LD) or a YiNote export. You see
        what it holds before anything is written.
      </p>
      <label class="field">
        Import a file
        <input
          type="file"
          accept=".json,.jsonld,.vtt,application/json,application/ld+json,text/vtt"
          disabled={props.busy}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (!file) return;
            readFileText(file, maxImportBytes).then(
              (text) => read(text, file.name),
              (error: Error) => setProblem(error.message),
            );
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
          Or paste a share link
          <input
            type="url"
            value={link}
            placeholder="https://…#cuecards=…"
            onInput={(event) => setLink(event.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={props.busy || link.trim() === ''}>
          Read link
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
        <section class="import-review" aria-label="Import preview">
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
              {incoming.value.kind === 'backup' ? 'Restore' : 'Import'}
            </button>
            <button type="button" onClick={() => setIncoming(undefined)}>
              Cancel
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
  const videos = useLiveQuery(() => props.db.videos.orderBy('lastSeenAt').reverse().toArray(), []);
  const [key, setKey] = useState<string>();
  const [title, setTitle] = useState('Cards from WebVTT');
  const chosen = videos?.find((video) => video.key === (key ?? videos[0]?.key));
  if (videos?.length === 0) {
    return (
      <p class="problem" role="alert">
        WebVTT cues need a video to go on. Open the video once with Cuecards, then import again.
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
        Video for these cues
        <select value={chosen?.key} onChange={(event) => setKey(event.currentTarget.value)}>
          {videos?.map((video) => (
            <option key={video.key} value={video.key}>
              {video.title || video.url}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        Deck name
        <input value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
      </label>
      <button type="submit">Preview</button>
    </form>
  );
}
