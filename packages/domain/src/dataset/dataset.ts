/**
 * Firm-level facts as rows, the shape importers and the demo generator produce and the store loads.
 * Money is in yuan (integers); periods are YYYY-MM (output, customs) or YYYY / YYYY-MM (supply links).
 */
export type SizeClass = 'large' | 'medium' | 'small' | 'micro';

export type FirmRecord = {
  id: number;
  uscc: string;
  name: string;
  countyCode: string;
  primaryNodeId: string;
  primaryChainId: string;
  sizeClass: SizeClass;
  tags: string[];
  /** Other nodes the firm is listed under; its output still counts only in the primary node's chain. */
  secondaryNodeIds: string[];
};

export type OutputRecord = { firmId: number; period: string; valueYuan: number };

/**
 * Suppliers that are not firms of the dataset enter the network as source nodes, one per origin × chain
 * node: `ext:<ISO 3166 alpha-2>:<node id>` for a foreign origin (ext:JP:ic.silicon-wafer) and
 * `dom:out-of-province:<node id>` for supply from other provinces of China. The colon keeps them apart
 * from firm ids (integers) everywhere ids are mixed (CSV exports, the ESRI network).
 */
export const OUT_OF_PROVINCE_PREFIX = 'dom:out-of-province:';
export const FOREIGN_SOURCE_PREFIX = 'ext:';

export function foreignSourceId(country: string, nodeId: string): string {
  return `${FOREIGN_SOURCE_PREFIX}${country}:${nodeId}`;
}
export function outOfProvinceSourceId(nodeId: string): string {
  return `${OUT_OF_PROVINCE_PREFIX}${nodeId}`;
}

/** The origin and node of a source id; undefined for anything else. */
export function parseSourceId(
  id: string,
):
  | { kind: 'foreign'; country: string; nodeId: string }
  | { kind: 'out-of-province'; nodeId: string }
  | undefined {
  if (id.startsWith(OUT_OF_PROVINCE_PREFIX))
    return { kind: 'out-of-province', nodeId: id.slice(OUT_OF_PROVINCE_PREFIX.length) };
  const match = /^ext:([A-Z]{2}):(.+)$/.exec(id);
  return match ? { kind: 'foreign', country: match[1] as string, nodeId: match[2] as string } : undefined;
}

export type SupplyLinkRecord = {
  supplierFirmId: number | null;
  /** Source node id for out-of-province or foreign supply (see foreignSourceId); null for a firm. */
  supplierSource: string | null;
  buyerFirmId: number;
  period: string;
  valueYuan: number;
  source: string;
};

export type CustomsRecord = {
  firmId: number;
  hsCode: string;
  country: string;
  direction: 'import' | 'export';
  period: string;
  valueYuan: number;
};

export type RegionOutputRecord = { regionCode: string; period: string; valueYuan: number };

/** 同准备份 (same standard) or 降准备份 (lower standard that keeps production going). */
export type BackupStandard = 'same' | 'lower';
export type BackupState = 'registered' | 'qualifying' | 'qualified';

/**
 * A registered backup supplier for one input of a buyer: who supplies the input node now, who could take
 * over, at which standard, how far its qualification has got and how many weeks switching over takes.
 * Suppliers are firm ids or source ids (exactly one of each pair is set).
 */
export type BackupSupplierRecord = {
  buyerFirmId: number;
  inputNodeId: string;
  currentSupplierFirmId: number | null;
  currentSupplierSource: string | null;
  backupFirmId: number | null;
  backupSource: string | null;
  standard: BackupStandard;
  state: BackupState;
  leadTimeWeeks: number;
  /** Month the backup was registered, YYYY-MM. */
  registeredPeriod: string;
};

/** An enterprise community (产业链上下游企业共同体) around a chain leader (链主). */
export type CommunityRecord = {
  id: number;
  chainId: string;
  name: string;
  leaderFirmId: number;
  foundedYear: number;
};
export type CommunityRole = 'leader' | 'supplier' | 'customer' | 'partner';
export type CommunityMemberRecord = { communityId: number; firmId: number; role: CommunityRole };

export type ProjectStage = 'planned' | 'signed' | 'under_construction' | 'in_operation';
/** A project of the 补链 project library: it adds capacity at a chain node in a county. */
export type ProjectRecord = {
  id: number;
  name: string;
  chainId: string;
  /** The node the project completes or strengthens. */
  nodeId: string;
  countyCode: string;
  investmentYi: number;
  stage: ProjectStage;
  startYear: number;
  /** The investing firm, when it is one of the dataset's firms. */
  firmId: number | null;
};

/** 首台套 (equipment), 首批次 (material), 首版次 (software). */
export type FirstOfKindKind = 'equipment' | 'material' | 'software';
export type FirstOfKindLevel = 'international' | 'national' | 'provincial';
/** A first-of-a-kind product recognised in a year. */
export type FirstOfKindRecord = {
  id: number;
  product: string;
  firmId: number;
  nodeId: string;
  chainId: string;
  year: number;
  kind: FirstOfKindKind;
  level: FirstOfKindLevel;
};

export type Dataset = {
  /** What produced it, e.g. "demo seed 1 (synthetic)". */
  label: string;
  planId: string;
  firms: FirmRecord[];
  output: OutputRecord[];
  supplyLinks: SupplyLinkRecord[];
  customs: CustomsRecord[];
  regionOutput: RegionOutputRecord[];
  /** Chain services (optional: importers of statistics alone leave them out). */
  backups?: BackupSupplierRecord[];
  communities?: CommunityRecord[];
  communityMembers?: CommunityMemberRecord[];
  projects?: ProjectRecord[];
  firstOfKind?: FirstOfKindRecord[];
};
