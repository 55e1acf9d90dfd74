import { Descriptions, Drawer, Skeleton, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { useRiskCase } from '../../api/risks.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatBeijing } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { KIND_LABEL, LEVEL_LABEL, SEVERITY_LABEL, STATUS_LABEL } from './risk-labels.js';
import { RiskActionForm } from './RiskActionForm.js';
import { RiskDue, RiskStatusTag } from './RiskStatusTags.js';
import { RiskHistory } from './RiskHistory.js';
import { nodeHref } from './RiskTable.js';
import { RiskWhy } from './RiskWhy.js';
import { usePlaceNames } from './usePlaceNames.js';

/**
 * One case, opened from the list or by its address (?case=ID): what it is about, where it stands and
 * until when, why it is on the list, its history, and the steps the reader may take now. A case outside
 * the reader's scope is the API's 404, said in the drawer.
 */
export function RiskCaseDrawer({ caseId, onClose }: { caseId: number | null; onClose(): void }) {
  const { t, pick } = useI18n();
  const detail = useRiskCase(caseId);
  const { chainName, placeOf } = usePlaceNames();
  const c = detail.data;
  return (
    <Drawer
      open={caseId !== null}
      onClose={onClose}
      width="min(760px, 100vw)"
      destroyOnHidden
      title={
        <span data-testid="risk-case-title">
          {t('risks.case.title', { id: caseId ?? '' })} {c && <RiskStatusTag status={c.status} />}
        </span>
      }
    >
      {detail.error ? (
        <ErrorNotice error={detail.error} onRetry={() => detail.refetch()} />
      ) : !c ? (
        <Skeleton active />
      ) : (
        <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="risk-case">
          <Descriptions size="small" bordered column={1} data-testid="risk-case-facts">
            <Descriptions.Item label={t('risks.col.kind')}>{t(KIND_LABEL[c.kind])}</Descriptions.Item>
            <Descriptions.Item label={t('risks.case.subject')}>
              <Space wrap size={4}>
                {c.firm_id !== null && <Link to={`/firms/${c.firm_id}`}>{c.firm_name}</Link>}
                {c.firm_id !== null && '·'}
                <Link to={nodeHref(c)}>{pick(c.node_name_zh, c.node_name_en)}</Link>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('risks.col.region')}>{placeOf(c)}</Descriptions.Item>
            <Descriptions.Item label={t('risks.col.chain')}>{chainName(c.chain_id)}</Descriptions.Item>
            <Descriptions.Item label={t('risks.col.severity')}>
              {c.severity === 'high' ? (
                <Tag color="red">{t(SEVERITY_LABEL.high)}</Tag>
              ) : (
                t(SEVERITY_LABEL.medium)
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('risks.case.step')}>
              <span data-testid="risk-case-step">
                {t('risks.case.stepText', {
                  level: t(LEVEL_LABEL[c.level]),
                  status: t(STATUS_LABEL[c.status]),
                })}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('risks.case.stepSince')}>
              {formatBeijing(c.step_since)}
            </Descriptions.Item>
            <Descriptions.Item label={t('risks.case.due')}>
              {c.due_at ? <RiskDue c={c} /> : t('risks.case.noDue')}
            </Descriptions.Item>
            <Descriptions.Item label={t('risks.case.detected')}>
              {formatBeijing(c.detected_at)}
            </Descriptions.Item>
            <Descriptions.Item label={t('risks.case.scans')}>
              {t('risks.case.scansText', { first: c.first_scan_id, last: c.last_seen_scan_id })}
            </Descriptions.Item>
            {c.closed_at && (
              <Descriptions.Item label={t('risks.case.closedAt')}>
                {formatBeijing(c.closed_at)}
              </Descriptions.Item>
            )}
          </Descriptions>
          <RiskActionForm key={c.id} c={c} />
          <RiskWhy c={c} />
          <RiskHistory events={c.events} />
        </Space>
      )}
    </Drawer>
  );
}
