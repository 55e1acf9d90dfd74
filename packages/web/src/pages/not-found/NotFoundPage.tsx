import { Button, Result } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';

/** An address the app has no page for: say so and offer the way home, rather than a blank page. */
export default function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t('notFound.title'));
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.text', { path: pathname })}
      extra={
        <Button type="primary" onClick={() => navigate('/')} data-testid="not-found-home">
          {t('notFound.home')}
        </Button>
      }
    />
  );
}
