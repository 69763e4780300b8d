import { render } from 'preact';
import { i18n } from '#i18n';
import { Composer } from '@/components/composer/Composer';
import { localizePage } from '@/utils/model/locale';
import '@/components/theme.css';
import '@/components/composer/composer.css';

localizePage(document, i18n.t('overlay.noteEditor'));
const token = new URLSearchParams(location.search).get('s') ?? '';
render(<Composer token={token} />, document.getElementById('app')!);
