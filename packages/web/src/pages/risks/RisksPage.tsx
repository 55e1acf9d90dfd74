import { Card, Flex, Space, Typography } from 'antd';
import { risksQueryString, useRiskList, useRiskSummary } from '../../api/risks.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ExportButton } from '../../components/ExportButton.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';
import { BackupCoverageLine } from './BackupCoverageLine.js';
import { RiskCaseDrawer } from './RiskCaseDrawer.js';
import { RiskCounts } from './RiskCounts.js';
import { RiskFilterBar } from './RiskFilterBar.js';
import { RiskRulesPanel } from './RiskRulesPanel.js';
import { RiskScanLine } from './RiskScanLine.js';
import { RiskTable } from './RiskTable.js';
import { useRiskView } from './useRiskView.js';

/**
 * The supply-disruption risk list (断供风险清单, ADR 0021) in the reader's scope: counts by step, the
 * latest scan, filters kept in the address, the cases page by page, and one case in a drawer with its
 * closed-loop handling.
 */
export default function RisksPage() {
  const { t } = useI18n();
  usePageTitle(t('risks.pageTitle'));
  const { view, setFilters, setPage, openCase, caseHref } = useRiskView();
  const summary = useRiskSummary();
  const list = useRiskList(view.filters, { page: view.page, pageSize: view.pageSize });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('risks.title')}
        </Typography.Title>
        {/* The list as filtered, every page (at most 20,000 cases; audited like a firm list). */}
        <ExportButton path={`/api/v1/risks.xlsx?${risksQueryString(view.filters)}`} testId="risk-export" />
      </Flex>
      <Card size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <RiskCounts
            summary={summary.data}
            error={summary.error}
            onRetry={() => summary.refetch()}
            filters={view.filters}
            onFilter={setFilters}
          />
          <RiskScanLine latest={summary.data?.scans[0]} />
          <BackupCoverageLine summary={summary.data} />
          <RiskRulesPanel />
        </Space>
      </Card>
      <Card size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <RiskFilterBar filters={view.filters} onChange={setFilters} />
          {list.error ? (
            <ErrorNotice error={list.error} onRetry={() => list.refetch()} />
          ) : (
            <RiskTable
              page={list.data}
              loading={list.isFetching}
              current={view.page}
              pageSize={view.pageSize}
              onPage={setPage}
              onOpen={openCase}
              caseHref={caseHref}
            />
          )}
        </Space>
      </Card>
      <RiskCaseDrawer caseId={view.caseId} onClose={() => openCase(null)} />
    </Space>
  );
}
