import { render } from 'preact';
import { Composer } from '@/components/composer/Composer';
import '@/components/theme.css';
import '@/components/composer/composer.css';

const token = new URLSearchParams(location.search).get('s') ?? '';
render(<Composer token={token} />, document.getElementById('app')!);
