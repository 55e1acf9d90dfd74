import { Tag, Typography } from 'antd';
import type { RiskCase } from '../../api/risks.js';
import { daysPast, formatBeijing } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { STATUS_COLOR, STATUS_LABEL } from './risk-labels.js';

/** A case's status as a tag; the colour repeats the words, it does not replace them. */
export function RiskStatusTag({ status }: { status: RiskCase['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(STATUS_LABEL[status])}
    </Tag>
  );
}

/** When the case's step is due, in Beijing time, with how many days it is late in red. */
export function RiskDue({ c }: { c: Pick<RiskCase, 'due_at' | 'overdue'> }) {
  const { t } = useI18n();
  if (!c.due_at) return <>—</>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {formatBeijing(c.due_at)}
      {c.overdue && (
        <>
          {' '}
          <Typography.Text type="danger" strong data-testid="risk-overdue">
            {t('risks.overdueDays', { days: Math.max(1, daysPast(c.due_at)) })}
          </Typography.Text>
        </>
      )}
    </span>
  );
}
