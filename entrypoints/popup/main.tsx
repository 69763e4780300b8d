import { render } from 'preact';
import { Popup } from '@/components/popup/Popup';
import { openDatabase } from '@/utils/store';
import '@/components/theme.css';
import '@/components/popup/popup.css';

render(<Popup db={openDatabase()} />, document.getElementById('app')!);
