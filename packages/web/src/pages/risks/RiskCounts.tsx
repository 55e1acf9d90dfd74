import { Button, Flex, Skeleton, Tooltip, Typography } from 'antd';
import type { RiskFilters, RiskSummary } from '../../api/risks.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { COUNT_CARDS, isCardShown } from './risk-counts.js';

/**
 * The list's head: how many cases wait at each step and how many need attention. Each count lists its
 * cases when clicked (the list's total is then the number clicked); the one the list shows is pressed.
 */
export function RiskCounts({
  summary,
  error,
  onRetry,
  filters,
  onFilter,
}: {
  summary: RiskSummary | undefined;
  error: unknown;
  onRetry(): void;
  filters: RiskFilters;
  onFilter(filters: RiskFilters): void;
}) {
  const { t } = useI18n();
  if (error) return <ErrorNotice error={error} onRetry={onRetry} />;
  if (!summary) return <Skeleton active paragraph={{ rows: 1 }} />;
  return (
    <Flex wrap gap={8} role="group" aria-label={t('risks.counts')} data-testid="risk-counts">
      {COUNT_CARDS.map((card) => {
        const count = card.count(summary);
        const body = (
          <>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {t(card.label)}
            </Typography.Text>
            <Typography.Text
              strong
              type={card.alarm && count > 0 ? 'danger' : undefined}
              style={{ fontSize: 22, lineHeight: '30px' }}
            >
              {count.toLocaleString('zh-CN')}
            </Typography.Text>
          </>
        );
        const style = { height: 'auto', minWidth: 104, padding: '6px 14px', textAlign: 'left' as const };
        const shown = isCardShown(card, filters);
        const cardFilters = card.filters;
        return (
          <Tooltip
            key={card.key}
            title={t(
              card.filters.status?.length === 1 ? 'risks.count.statusHelp' : 'risks.count.notClosedHelp',
            )}
          >
            <Button
              data-testid={`risk-count-${card.key}`}
              aria-pressed={shown}
              type={shown ? 'primary' : 'default'}
              ghost={shown}
              style={style}
              onClick={() => onFilter(shown ? {} : cardFilters)}
            >
              <span>{body}</span>
            </Button>
          </Tooltip>
        );
      })}
    </Flex>
  );
}
