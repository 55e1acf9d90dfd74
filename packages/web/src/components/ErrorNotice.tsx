import { Alert, Button } from 'antd';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';

/** An API error in the reader's language, with an optional retry. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, pick } = useI18n();
  const message = error instanceof ApiError ? pick(error.messageZh, error.messageEn) : String(error);
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

export function errorText(error: unknown, pick: (zh: string, en: string) => string): string {
  return error instanceof ApiError ? pick(error.messageZh, error.messageEn) : String(error);
}
