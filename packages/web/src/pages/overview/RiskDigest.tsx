import { Flex, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useRiskSummary } from '../../api/risks.js';
import { useI18n } from '../../i18n/i18n.js';
import { BackupCoverageLine } from '../risks/BackupCoverageLine.js';
import { RiskCounts } from '../risks/RiskCounts.js';
import { withFilters } from '../risks/risk-url.js';

/**
 * The risk list at a glance on the overview (for callers who read firms): its counts, each opening the
 * list with that filter, and how many of the watched firms' critical inputs have a backup ready.
 */
export function RiskDigest() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const summary = useRiskSummary();
  return (
    <Flex vertical gap={8} data-testid="risk-digest">
      <Flex justify="space-between" align="baseline" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('risks.title')}
        </Typography.Title>
        <Link to="/risks">{t('risks.digest.open')}</Link>
      </Flex>
      <RiskCounts
        summary={summary.data}
        error={summary.error}
        onRetry={() => summary.refetch()}
        filters={{}}
        onFilter={(filters) => navigate(`/risks?${withFilters(new URLSearchParams(), filters)}`)}
      />
      <BackupCoverageLine summary={summary.data} />
    </Flex>
  );
}
