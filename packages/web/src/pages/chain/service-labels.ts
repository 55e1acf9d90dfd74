import type {
  CommunityRole,
  FirstOfKindKind,
  FirstOfKindLevel,
  ProjectStage,
} from '../../api/chain-services.js';
import type { MessageKey } from '../../i18n/messages.zh.js';

/** The codes of the chain services (stages, kinds, levels, community roles) and their messages. */
export const STAGE_KEYS: Record<ProjectStage, MessageKey> = {
  planned: 'services.stagePlanned',
  signed: 'services.stageSigned',
  under_construction: 'services.stageUnderConstruction',
  in_operation: 'services.stageInOperation',
};
export const KIND_KEYS: Record<FirstOfKindKind, MessageKey> = {
  equipment: 'services.kindEquipment',
  material: 'services.kindMaterial',
  software: 'services.kindSoftware',
};
export const LEVEL_KEYS: Record<FirstOfKindLevel, MessageKey> = {
  international: 'services.levelInternational',
  national: 'services.levelNational',
  provincial: 'services.levelProvincial',
};
export const ROLE_KEYS: Record<CommunityRole, MessageKey> = {
  leader: 'services.roleLeader',
  supplier: 'services.roleSupplier',
  customer: 'services.roleCustomer',
  partner: 'services.rolePartner',
};
