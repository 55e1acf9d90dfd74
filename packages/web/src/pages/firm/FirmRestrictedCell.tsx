import { Typography } from 'antd';
import { formatPct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { matchText } from '../restricted-origins/restricted-text.js';

type Match = {
  country: string | null;
  country_name_zh: string | null;
  country_name_en: string | null;
  hs: string;
  amount: number;
  entries: Array<{ country: string; hs: string; source: string | null }>;
};

/** An input's restricted-origin exposure as /firms/{id}/supply gives it (shares as fractions, 亿元). */
export type RestrictedExposure = {
  share: number;
  amount: number;
  matches: Match[];
  unclear_share: number;
  unclear_amount: number;
  unclear_matches: Match[];
};

/**
 * The restricted-origin share of an input, in red when the rule fired, with each purchase it rests on
 * and the entry (and source) that matched; then the share that may be restricted (a code too coarse to
 * tell, an unknown origin), for review. A dash when the list touches nothing of the input.
 */
export function FirmRestrictedCell({
  r,
  fired,
  unclearFired,
}: {
  r: RestrictedExposure;
  fired: boolean;
  unclearFired: boolean;
}) {
  const { t, pick, lang } = useI18n();
  if (!fired && !unclearFired) return '—';
  const line = (m: Match) =>
    matchText(t, lang, {
      origin: m.country ? pick(m.country_name_zh ?? m.country, m.country_name_en ?? m.country) : null,
      hs: m.hs,
      amount: `${formatYi(m.amount)} ${t('unit.yi')}`,
      entries: m.entries,
    });
  return (
    <div data-testid="restricted-cell" style={{ maxWidth: 360 }}>
      {fired && (
        <>
          <Typography.Text type="danger" strong>
            {t('supply.restrictedShare', { share: formatPct(r.share * 100) })}
          </Typography.Text>
          {r.matches.map((m) => (
            <div key={`${m.country}:${m.hs}`} style={{ fontSize: 12 }}>
              {line(m)}
            </div>
          ))}
        </>
      )}
      {unclearFired && (
        <>
          <Typography.Text type="warning">
            {t('supply.restrictedUnclear', { share: formatPct(r.unclear_share * 100) })}
          </Typography.Text>
          {r.unclear_matches.map((m) => (
            <div key={`u:${m.country}:${m.hs}`} style={{ fontSize: 12 }}>
              {line(m)}
            </div>
          ))}
        </>
      )}
    </div>
  );
}
