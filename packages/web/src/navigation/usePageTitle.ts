import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n.js';

/**
 * Names the browser tab after the page, in the reader's language ("用户与授权 - 产业链大脑"): a screen reader
 * announces it when a page opens, and with one title for every page no tab or history entry could be told
 * apart (WCAG 2.4.2). Without a page name (still loading) the tab carries the app's name alone.
 */
export function usePageTitle(page: string | undefined) {
  const { t } = useI18n();
  const title = page ? t('app.pageTitle', { page }) : t('app.title');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
