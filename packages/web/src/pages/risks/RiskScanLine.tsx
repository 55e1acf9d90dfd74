import { Alert, Button, Popconfirm, Space, Typography } from 'antd';
import type { RiskScan } from '../../api/risks.js';
import { useRiskScan } from '../../api/risks.js';
import { useCan } from '../../auth/permissions.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatBeijing } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * Which version of the list the reader sees: the latest scan, its data month and what it changed; a
 * province administrator may run the rules again now (the list is otherwise scanned after every load).
 */
export function RiskScanLine({ latest }: { latest: RiskScan | undefined }) {
  const { t } = useI18n();
  const can = useCan();
  const scan = useRiskScan();
  const result = scan.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text type="secondary" data-testid="risk-scan-line">
          {!latest
            ? t('risks.noScan')
            : latest.found === null
              ? // Not province-wide: the scan's counts are the province's, so only when and which data.
                t('risks.scanLineScoped', {
                  id: latest.id,
                  at: formatBeijing(latest.ran_at),
                  month: latest.data_month ?? t('risks.noMonth'),
                })
              : t('risks.scanLine', {
                  id: latest.id,
                  at: formatBeijing(latest.ran_at),
                  month: latest.data_month ?? t('risks.noMonth'),
                  found: latest.found,
                  added: latest.added ?? 0,
                  cleared: latest.cleared ?? 0,
                  recurred: latest.recurred ?? 0,
                })}
        </Typography.Text>
        {can('plans:manage') && (
          <Popconfirm
            title={t('risks.scanConfirmTitle')}
            description={<div style={{ maxWidth: 360 }}>{t('risks.scanConfirm')}</div>}
            okText={t('risks.scanNow')}
            cancelText={t('common.cancel')}
            onConfirm={() => scan.mutate()}
          >
            <Button loading={scan.isPending} data-testid="risk-scan">
              {t('risks.scanNow')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {scan.error ? <ErrorNotice error={scan.error} /> : null}
      {result && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => scan.reset()}
          data-testid="risk-scan-result"
          title={t('risks.scanDone', {
            id: result.scan_id,
            month: result.data_month ?? t('risks.noMonth'),
            found: result.found,
            added: result.added,
            cleared: result.cleared,
            recurred: result.recurred,
            seconds: (result.millis / 1000).toFixed(1),
          })}
        />
      )}
    </Space>
  );
}
