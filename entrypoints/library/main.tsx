import { render } from 'preact';
import { Library } from '@/components/library/Library';
import { openDatabase } from '@/utils/store';
import '@/components/theme.css';
import '@/components/library/library.css';

render(<Library db={openDatabase()} />, document.getElementById('app')!);
