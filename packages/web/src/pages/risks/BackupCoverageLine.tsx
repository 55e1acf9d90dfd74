import { Typography } from 'antd';
import type { RiskSummary } from '../../api/risks.js';
import { formatPct } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { readyShare } from './backup-coverage.js';

/**
 * How many of the watched firms' critical inputs have a backup ready (同准/降准), in one sentence: the
 * plan's "full backup coverage in key fields" as counted by the latest scan over the caller's scope.
 */
export function BackupCoverageLine({ summary }: { summary: RiskSummary | undefined }) {
  const { t } = useI18n();
  const coverage = summary?.backup_coverage?.total;
  if (!coverage || coverage.inputs === 0) return null;
  const share = readyShare(coverage);
  const n = (v: number) => v.toLocaleString('zh-CN');
  return (
    <Typography.Text type="secondary" data-testid="backup-coverage">
      {t('risks.digest.coverage', {
        inputs: n(coverage.inputs),
        same: n(coverage.same_standard_ready),
        lower: n(coverage.lower_standard_ready),
        qualifying: n(coverage.in_qualification),
        none: n(coverage.none),
        share: share === null ? '—' : formatPct(share * 100),
      })}
    </Typography.Text>
  );
}
