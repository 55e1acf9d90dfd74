import { Alert, Card, Flex, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { PLAN_ID, usePlanOverview } from '../../api/plans.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ExportButton } from '../../components/ExportButton.js';
import { MonthPicker } from '../../components/MonthPicker.js';
import { ScopeTag } from '../../components/ScopeTag.js';
import { useI18n } from '../../i18n/i18n.js';
import { useMonth } from '../../navigation/useMonth.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';
import { useCan } from '../../auth/permissions.js';
import { DependencyList } from './DependencyList.js';
import { OverviewChart } from './OverviewChart.js';
import { OverviewTable } from './OverviewTable.js';
import { RiskDigest } from './RiskDigest.js';

export default function OverviewPage() {
  const { t, pick } = useI18n();
  usePageTitle(t('overview.title'));
  const { month, plan } = useMonth();
  // The risk list names firms: only for callers who read firms (not viewers).
  const readsFirms = useCan()('firms:read');
  const overview = usePlanOverview(PLAN_ID, month);
  // The months of data inside the 12 that end with the chosen one, when fewer than 12.
  const first = plan.data?.first_month;
  const covered = first && month ? dayjs(`${month}-01`).diff(dayjs(`${first}-01`), 'month') + 1 : 12;
  const shortWindow = covered < 12 ? covered : null;

  const chainName = (id: string) => {
    const chain = plan.data?.chains.find((c) => c.id === id);
    return chain ? pick(chain.name_zh, chain.name_en) : id;
  };

  if (plan.error) return <ErrorNotice error={plan.error} onRetry={() => plan.refetch()} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('overview.title')} <ScopeTag />
          </Typography.Title>
          {plan.data && (
            <Typography.Text type="secondary">{pick(plan.data.title_zh, plan.data.title_en)}</Typography.Text>
          )}
        </div>
        <Space wrap>
          <MonthPicker />
          {month && (
            <ExportButton
              path={`/api/v1/plans/${PLAN_ID}/overview.xlsx?month=${month}`}
              testId="export-overview"
            />
          )}
        </Space>
      </Flex>
      {overview.error ? (
        <ErrorNotice error={overview.error} onRetry={() => overview.refetch()} />
      ) : !overview.data ? (
        <Skeleton active />
      ) : (
        <>
          {shortWindow !== null && (
            <Alert
              type="warning"
              showIcon
              data-testid="short-window"
              title={t('overview.shortWindow', { months: shortWindow, first: plan.data?.first_month ?? '' })}
            />
          )}
          {readsFirms && (
            <Card>
              <RiskDigest />
            </Card>
          )}
          <Card>
            <OverviewTable overview={overview.data} />
          </Card>
          <Card>
            <OverviewChart overview={overview.data} />
          </Card>
          {month && (
            <Card>
              <DependencyList month={month} chainName={chainName} />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
