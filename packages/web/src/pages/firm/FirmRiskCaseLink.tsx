import { Link } from 'react-router';
import type { RiskCase } from '../../api/risks.js';
import { useI18n } from '../../i18n/i18n.js';
import { STATUS_LABEL } from '../risks/risk-labels.js';
import { RiskStatusTag } from '../risks/RiskStatusTags.js';

/** An input's case on the risk list, with its status, opening the case on the list's page. */
export function FirmRiskCaseLink({ c }: { c: Pick<RiskCase, 'id' | 'status'> }) {
  const { t } = useI18n();
  return (
    <Link
      to={`/risks?case=${c.id}`}
      data-testid="firm-risk-case"
      aria-label={t('supply.caseLink', { id: c.id, status: t(STATUS_LABEL[c.status]) })}
      style={{ whiteSpace: 'nowrap' }}
    >
      {t('supply.caseNumber', { id: c.id })} <RiskStatusTag status={c.status} />
    </Link>
  );
}
