import type { CaseAction, CaseLevel, CaseStatus, ResolutionMeasure } from '@chainbrain/domain';
import type { BackupStatus, RiskKind, RiskSeverity } from '../../api/risks.js';
import type { MessageKey } from '../../i18n/messages.zh.js';

/** The words for the codes a case carries; each has a message in both languages. */

export const STATUS_LABEL: Record<CaseStatus, MessageKey> = {
  open: 'risks.status.open',
  responding: 'risks.status.responding',
  resolved: 'risks.status.resolved',
  closed: 'risks.status.closed',
};

/** Tag colours by status: what waits for someone stands out, what is done is quiet. */
export const STATUS_COLOR: Record<CaseStatus, string> = {
  open: 'red',
  responding: 'blue',
  resolved: 'gold',
  closed: 'default',
};

export const LEVEL_LABEL: Record<CaseLevel, MessageKey> = {
  county: 'risks.level.county',
  city: 'risks.level.city',
  province: 'risks.level.province',
};

export const KIND_LABEL: Record<RiskKind, MessageKey> = {
  firm_input: 'risks.kind.firmInput',
  node_import: 'risks.kind.nodeImport',
};

export const SEVERITY_LABEL: Record<RiskSeverity, MessageKey> = {
  high: 'risks.severity.high',
  medium: 'risks.severity.medium',
};

/** The buttons: what the office does. */
export const ACTION_LABEL: Record<CaseAction, MessageKey> = {
  acknowledge: 'risks.action.acknowledge',
  escalate: 'risks.action.escalate',
  resolve: 'risks.action.resolve',
  confirm: 'risks.action.confirm',
  reject: 'risks.action.reject',
  reopen: 'risks.action.reopen',
  comment: 'risks.action.comment',
};

/** The history's entries: the offices' actions and what the system recorded on its own. */
const EVENT_LABEL: Record<string, MessageKey> = {
  ...ACTION_LABEL,
  detected: 'risks.event.detected',
  cleared: 'risks.event.cleared',
  recurred: 'risks.event.recurred',
  auto_escalated: 'risks.event.autoEscalated',
};
export const eventLabel = (t: (key: MessageKey) => string, kind: string) =>
  EVENT_LABEL[kind] ? t(EVENT_LABEL[kind]) : kind;

export const MEASURE_LABEL: Record<ResolutionMeasure, MessageKey> = {
  same_standard_backup: 'risks.measure.sameStandardBackup',
  lower_standard_backup: 'risks.measure.lowerStandardBackup',
  new_supplier: 'risks.measure.newSupplier',
  local_substitute: 'risks.measure.localSubstitute',
  stockpile: 'risks.measure.stockpile',
  not_a_risk: 'risks.measure.notARisk',
  other: 'risks.measure.other',
};

export const BACKUP_LABEL: Record<BackupStatus, MessageKey> = {
  same_standard_ready: 'risks.backup.sameReady',
  lower_standard_ready: 'risks.backup.lowerReady',
  in_qualification: 'risks.backup.qualifying',
  none: 'risks.backup.none',
};
