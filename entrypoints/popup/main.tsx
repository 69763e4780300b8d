import { render } from 'preact';
import { i18n } from '#i18n';
import { Popup } from '@/components/popup/Popup';
import { localizePage } from '@/utils/model/locale';
import { openDatabase } from '@/utils/store/database';
import '@/components/theme.css';
import '@/components/popup/popup.css';

localizePage(document, i18n.t('extension.name'));
render(<Popup db={openDatabase()} />, document.getElementById('app')!);
