import { Alert, Typography } from 'antd';
import type { FirmInputFindings, RestrictedMatch } from '../../api/risks.js';
import { formatPct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { matchText } from '../restricted-origins/restricted-text.js';

const YI = 100_000_000;

/**
 * Which rules listed the input (the supply rule, a restricted origin, or both: ADR 0024) and, when a
 * restricted origin did, the purchases and the list entries with their sources, as the scan found them.
 */
export function RiskRestrictedWhy({ f }: { f: FirmInputFindings }) {
  const { t, lang } = useI18n();
  const by = f.entered_by.map((e) => t(e === 'supply' ? 'risks.entered.supply' : 'risks.entered.restricted'));
  const r = f.restricted;
  const line = (m: RestrictedMatch) =>
    matchText(t, lang, {
      origin: m.country,
      hs: m.hs,
      amount: `${formatYi(m.amount_yuan / YI)} ${t('unit.yi')}`,
      entries: m.entries,
    });
  return (
    <>
      <Typography.Paragraph data-testid="risk-entered-by">
        {t('risks.entered.title', { rules: by.join(lang === 'zh' ? '、' : ', ') })}
      </Typography.Paragraph>
      {r && r.share > 0 && (
        <Alert
          type="error"
          style={{ marginBottom: 8 }}
          data-testid="risk-restricted"
          title={t('risks.restricted.share', {
            share: formatPct(r.share * 100),
            amount: `${formatYi(r.amount)} ${t('unit.yi')}`,
          })}
          description={r.matches.map((m) => <div key={`${m.country}:${m.hs}`}>{line(m)}</div>)}
        />
      )}
      {r && r.unclear_share > 0 && (
        <Alert
          type="warning"
          style={{ marginBottom: 8 }}
          title={t('risks.restricted.unclear', { share: formatPct(r.unclear_share * 100) })}
          description={r.unclear_matches.map((m) => <div key={`u:${m.country}:${m.hs}`}>{line(m)}</div>)}
        />
      )}
    </>
  );
}
