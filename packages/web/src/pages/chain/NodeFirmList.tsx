import { Flex, Typography } from 'antd';
import { firmsQueryString } from '../../api/chains.js';
import { ExportButton } from '../../components/ExportButton.js';
import { useI18n } from '../../i18n/i18n.js';
import { FirmTable } from './FirmTable.js';
import { usePagedFirms } from './usePagedFirms.js';

/**
 * The firms in the reader's scope listed under a node: as their primary node or as one of their others.
 * The heading says so, because the count above it counts only firms whose primary node it is.
 */
export function NodeFirmList({ nodeId }: { nodeId: string }) {
  const { t } = useI18n();
  const { query, setPage } = usePagedFirms({ node: nodeId }, 20, true);
  return (
    <>
      <Flex justify="space-between" align="baseline" wrap gap={8}>
        <Typography.Title level={5} data-testid="node-firm-heading">
          {t('node.firmList')}
          {query.data && ` · ${t('firm.total', { count: query.data.total })}`}
        </Typography.Title>
        {query.data && query.data.total > 0 && (
          <ExportButton
            path={`/api/v1/firms.xlsx?${firmsQueryString({ node: nodeId })}`}
            testId="export-node-firms"
          />
        )}
      </Flex>
      <Typography.Paragraph type="secondary">{t('node.firmListHelp')}</Typography.Paragraph>
      <FirmTable firms={query.data} loading={query.isFetching} onPage={setPage} testId="node-firms" />
    </>
  );
}
