import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n.js';

/**
 * An address naming no chain of the plan: one plain answer. The page used to draw a target of 0.00 亿元, a
 * target line at 0 and two error boxes for it.
 */
export function ChainNotFound({ chainId }: { chainId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('chain.notFound')}
      subTitle={t('chain.notFoundText', { id: chainId })}
      data-testid="chain-not-found"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('notFound.home')}
        </Button>
      }
    />
  );
}
