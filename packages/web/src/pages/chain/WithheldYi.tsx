import { Typography } from 'antd';
import { formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * An investment sum in 亿元, or the dash of a sum withheld by the small-cell rule (ADR 0022, amendment),
 * which says why in the terms of that rule (contributors, not months of output as on the overview).
 */
export function YiOrWithheld({ value, suppressed }: { value: number | null; suppressed: boolean }) {
  const { t } = useI18n();
  return suppressed || value === null ? (
    <span className="num" title={t('services.suppressed')} data-testid="suppressed">
      —
    </span>
  ) : (
    <span className="num">{formatYi(value)}</span>
  );
}

/** The line under a table with withheld sums: what the dash means. */
export function WithheldNote({ show }: { show: boolean }) {
  const { t } = useI18n();
  if (!show) return null;
  return (
    <Typography.Text type="secondary" data-testid="suppressed-note">
      {t('common.suppressedShort')}
    </Typography.Text>
  );
}
