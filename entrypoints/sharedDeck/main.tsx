import { render } from 'preact';
import { i18n } from '#i18n';
import { SharedDeckPage } from '@/components/shared-deck/SharedDeckPage';
import { localizePage } from '@/utils/model/locale';
import '@/components/theme.css';
import '@/components/tab-page.css';
import '@/components/shared-deck/shared-deck.css';

localizePage(document, i18n.t('overlay.sharedDeck'));
render(<SharedDeckPage token={location.hash.slice(1)} />, document.getElementById('app')!);
