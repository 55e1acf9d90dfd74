import { Tag, Timeline, Typography } from 'antd';
import type { RiskCaseEvent } from '../../api/risks.js';
import { formatBeijing } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { eventLabel, LEVEL_LABEL, MEASURE_LABEL, STATUS_LABEL } from './risk-labels.js';

/** Colours of the history's dots: red for what raised the case, green for what closed it. */
const EVENT_COLOR: Record<string, string> = {
  detected: 'red',
  recurred: 'red',
  auto_escalated: 'red',
  escalate: 'orange',
  resolve: 'green',
  confirm: 'green',
  cleared: 'gray',
  comment: 'gray',
};

/**
 * Everything that happened to the case, oldest first: who (the system for scans and deadlines), when in
 * Beijing time, what, the step and level it moved between, and the note and measure given. Nothing in it
 * is ever changed or deleted. The offices' internal notes carry a 内部 tag; the firm's history has none
 * of them (the server leaves them out).
 */
export function RiskHistory({ events }: { events: RiskCaseEvent[] }) {
  const { t } = useI18n();
  const status = (s: string | null) =>
    s && s in STATUS_LABEL ? t(STATUS_LABEL[s as keyof typeof STATUS_LABEL]) : (s ?? '—');
  const level = (l: string | null) =>
    l && l in LEVEL_LABEL ? t(LEVEL_LABEL[l as keyof typeof LEVEL_LABEL]) : (l ?? '—');
  return (
    <section aria-labelledby="risk-history">
      <Typography.Title level={5} id="risk-history">
        {t('risks.history')}
      </Typography.Title>
      <Timeline
        data-testid="risk-history"
        items={events.map((e) => ({
          key: e.id,
          color: EVENT_COLOR[e.kind] ?? 'blue',
          title: (
            <span data-testid="risk-event" data-kind={e.kind}>
              <Typography.Text strong>{eventLabel(t, e.kind)}</Typography.Text>
              {e.internal && (
                <>
                  {' '}
                  <Tag
                    color="purple"
                    data-testid="risk-event-internal"
                    title={t('risks.history.internalTitle')}
                  >
                    {t('risks.history.internal')}
                  </Tag>
                </>
              )}
              {' · '}
              {e.actor_name.toLowerCase() === 'system' ? t('risks.history.system') : e.actor_name}
              {' · '}
              <span style={{ whiteSpace: 'nowrap' }}>{formatBeijing(e.at)}</span>
              {e.scan_id !== null && ` · ${t('risks.history.scan', { id: e.scan_id })}`}
            </span>
          ),
          content: (
            <div>
              {e.from_status !== null && e.from_status !== e.to_status && (
                <div>
                  {t('risks.history.status', { from: status(e.from_status), to: status(e.to_status) })}
                </div>
              )}
              {e.from_level !== null && e.from_level !== e.to_level && (
                <div>{t('risks.history.level', { from: level(e.from_level), to: level(e.to_level) })}</div>
              )}
              {e.measure && (
                <div>
                  {t('risks.history.measure', {
                    measure: e.measure in MEASURE_LABEL ? t(MEASURE_LABEL[e.measure]) : e.measure,
                  })}
                </div>
              )}
              {e.note && (
                <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {t('risks.history.note', { note: e.note })}
                </div>
              )}
            </div>
          ),
        }))}
      />
    </section>
  );
}
