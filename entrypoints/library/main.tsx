import { render } from 'preact';
import { i18n } from '#i18n';
import { Library } from '@/components/library/Library';
import { localizePage } from '@/utils/model/locale';
import { openDatabase } from '@/utils/store/database';
import '@/components/theme.css';
import '@/components/tab-page.css';
import '@/components/library/library.css';

localizePage(document, i18n.t('library.title'));
render(<Library db={openDatabase()} />, document.getElementById('app')!);
