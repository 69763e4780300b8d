import { useEffect } from 'preact/hooks';
import { loadSettings, type Theme, watchSettings } from '@/utils/model/settings';

function apply(theme: Theme) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Follows the theme setting on this page, live. */
export function useTheme(): void {
  useEffect(() => {
    void loadSettings().then((settings) => apply(settings.theme));
    return watchSettings((settings) => apply(settings.theme));
  }, []);
}
