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

export type SupplyLinkRecord = {
  supplierFirmId: number | null;
  /** Source node id for out-of-province or foreign supply (e.g. ext:JP:ic.wafer); null for a firm. */
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

export type Dataset = {
  /** What produced it, e.g. "demo seed 1 (synthetic)". */
  label: string;
  planId: string;
  firms: FirmRecord[];
  output: OutputRecord[];
  supplyLinks: SupplyLinkRecord[];
  customs: CustomsRecord[];
  regionOutput: RegionOutputRecord[];
};
