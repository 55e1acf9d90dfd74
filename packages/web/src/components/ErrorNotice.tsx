import { Alert, Button } from 'antd';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';

/** An API error in the reader's language, with an optional retry. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, pick } = useI18n();
  const message = errorText(error, pick);
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.error')}
      description={message}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

/** An error in the reader's language; anything but an API error is a fault of the page, said plainly. */
export function errorText(error: unknown, pick: (zh: string, en: string) => string): string {
  if (error instanceof ApiError) return pick(error.messageZh, error.messageEn);
  const detail = error instanceof Error ? error.message : String(error);
  return pick(`页面出错：${detail}`, `The page failed: ${detail}`);
}
