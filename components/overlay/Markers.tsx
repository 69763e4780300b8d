import { type ComponentChildren, render } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { i18n } from '#i18n';
import type { NoteRecord } from '@/utils/model/records';
import { markerPercent } from '@/utils/timeline/geometry';
import { formatTimestamp } from '@/utils/timeline/time';

const stopPlayerHandling = (event: Event) => event.stopPropagation();

/**
 * One marker per note along a timeline; hover or focus asks for the note's preview, a click
 * seeks. A marker holds the time only: the note's words stay out of the page's document.
 */
export function Markers(props: {
  notes: readonly NoteRecord[];
  duration: number | undefined;
  onSeek: (t: number) => void;
  onPreview: (note: NoteRecord | undefined, marker: HTMLElement) => void;
  placement: 'progress-bar' | 'strip';
}) {
  return (
    <div class={`markers markers-${props.placement}`}>
      {props.notes.map((note) => {
        const left = markerPercent(note.t, props.duration);
        if (left === undefined) return null;
        const time = formatTimestamp(note.t);
        return (
          <button
            key={note.id}
            type="button"
            class="marker"
            style={{ left: `${left}%` }}
            aria-label={i18n.t('note.markerAt', [time])}
            onPointerEnter={(event) => props.onPreview(note, event.currentTarget)}
            onPointerLeave={(event) => props.onPreview(undefined, event.currentTarget)}
            onFocus={(event) => props.onPreview(note, event.currentTarget)}
            onBlur={(event) => props.onPreview(undefined, event.currentTarget)}
            onPointerDown={stopPlayerHandling}
            onMouseDown={stopPlayerHandling}
            onClick={(event) => {
              event.stopPropagation();
              props.onSeek(note.t);
            }}
          />
        );
      })}
    </div>
  );
}

/** The markers inside the site's own progress bar when it has one, else on a strip of ours. */
export function PlacedMarkers(props: {
  progressBarRoot: HTMLElement | undefined;
  notes: readonly NoteRecord[];
  duration: number | undefined;
  onSeek: (t: number) => void;
  onPreview: (note: NoteRecord | undefined, marker: HTMLElement) => void;
}) {
  const { progressBarRoot, ...markers } = props;
  return progressBarRoot ? (
    <RenderInto container={progressBarRoot}>
      <Markers {...markers} placement="progress-bar" />
    </RenderInto>
  ) : (
    <Markers {...markers} placement="strip" />
  );
}

/**
 * A portal into an element of our own (it holds nothing else, so Preact may own all of it).
 * Not `preact/compat`'s `createPortal`: importing compat installs its React emulation on every
 * element the overlay renders, and weighs some 2.4 kB gzip in the download of every video page.
 */
function RenderInto(props: { container: HTMLElement; children: ComponentChildren }) {
  const { container, children } = props;
  useLayoutEffect(() => {
    render(children, container);
  });
  useLayoutEffect(() => () => render(null, container), [container]);
  return null;
}
