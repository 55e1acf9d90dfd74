import { Card, Space, Tag } from 'antd';
import { firmsQueryString } from '../../api/chains.js';
import { ExportButton } from '../../components/ExportButton.js';
import { useI18n } from '../../i18n/i18n.js';
import { FirmTable } from './FirmTable.js';
import { usePagedFirms } from './usePagedFirms.js';

/** The chain's leading firms (链主 and 龙头) in the reader's scope, a page at a time with the total. */
export function KeyFirms({ chainId, canSeeFirms }: { chainId: string; canSeeFirms: boolean }) {
  const { t } = useI18n();
  // 链主 and 龙头 both: a chain-leading firm need not carry the 龙头 tag as well.
  const filters = { chain: chainId, tag: '链主,龙头' };
  const { query, setPage } = usePagedFirms(filters, 20, canSeeFirms);
  return (
    <Card
      title={t('chain.keyFirms')}
      extra={
        query.data ? (
          <Space>
            <span data-testid="key-firms-total">{t('firm.total', { count: query.data.total })}</span>
            {query.data.total > 0 && (
              <ExportButton
                path={`/api/v1/firms.xlsx?${firmsQueryString(filters)}`}
                testId="export-key-firms"
              />
            )}
          </Space>
        ) : null
      }
    >
      {canSeeFirms ? (
        <FirmTable firms={query.data} loading={query.isFetching} onPage={setPage} testId="key-firms" />
      ) : (
        <Tag>{t('chain.noFirmAccess')}</Tag>
      )}
    </Card>
  );
}
