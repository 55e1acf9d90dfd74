import { Space, Typography } from 'antd';
import { useParams } from 'react-router';
import { useI18n } from '../../i18n/i18n.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';
import NotFoundPage from '../not-found/NotFoundPage.js';
import { FirmDetailCard, useFirmDetail } from './FirmDetailCard.js';

/**
 * A firm in the caller's scope, reached from a firm list (a node's firms, a chain's key firms): the same
 * card as the firm's own page, supply risk included. A firm outside the scope is a 404 from the API,
 * shown as such.
 */
export default function FirmPage() {
  const { t } = useI18n();
  const { firmId = '' } = useParams();
  const id = /^[1-9][0-9]{0,9}$/.test(firmId) ? Number(firmId) : null;
  const detail = useFirmDetail(id);
  usePageTitle(detail.data?.name ?? t('firm.page'));
  if (id === null) return <NotFoundPage />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('firm.page')}
      </Typography.Title>
      <FirmDetailCard firmId={id} />
    </Space>
  );
}
