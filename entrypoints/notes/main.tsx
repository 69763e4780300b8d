import { render } from 'preact';
import { i18n } from '#i18n';
import { NotePreview } from '@/components/notes-list/NotePreview';
import { NotesList } from '@/components/notes-list/NotesList';
import { localizePage } from '@/utils/model/locale';
import '@/components/overlay/overlay.css';
import '@/components/notes-list/notes-list.css';

// One page for the notes list and for a marker's preview: both show notes of the session.
const address = new URLSearchParams(location.search);
const token = address.get('s') ?? '';
const isPreview = address.get('view') === 'preview';
localizePage(document, i18n.t(isPreview ? 'overlay.notePreview' : 'overlay.notesList'));
if (isPreview) document.documentElement.dataset.at = address.get('at') ?? 'below';
render(
  isPreview ? <NotePreview token={token} /> : <NotesList token={token} />,
  document.getElementById('app')!,
);
