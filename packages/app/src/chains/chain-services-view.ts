import { type ChainProjectRow, type Database, listChains } from '@chainbrain/store';
import { notFound } from '../errors.js';

/** A project of the 补链 library as the use cases give it: the firm only when the caller reads it. */
export type ChainProjectView = {
  id: number;
  name: string;
  nodeId: string;
  nodeNameZh: string | null;
  nodeNameEn: string | null;
  countyCode: string;
  countyNameZh: string;
  countyNameEn: string;
  cityCode: string | null;
  /** 亿元 */
  investmentYi: number;
  stage: ChainProjectRow['stage'];
  startYear: number;
  /** The investing firm (always one the caller reads: other firms' projects are not read at all). */
  firm: { id: number; name: string } | null;
};

export const PROJECT_STAGES = ['planned', 'signed', 'under_construction', 'in_operation'] as const;

export function projectView(row: ChainProjectRow): ChainProjectView {
  return {
    id: row.id,
    name: row.name,
    nodeId: row.nodeId,
    nodeNameZh: row.nodeNameZh,
    nodeNameEn: row.nodeNameEn,
    countyCode: row.countyCode,
    countyNameZh: row.countyNameZh,
    countyNameEn: row.countyNameEn,
    cityCode: row.cityCode,
    investmentYi: row.investmentYi,
    stage: row.stage,
    startYear: row.startYear,
    firm: row.firmId !== null && row.firmName !== null ? { id: row.firmId, name: row.firmName } : null,
  };
}

/** The chain of the plan, or a bilingual 404 (an unknown plan has no chains). */
export async function requireChain(database: Database, planId: string, chainId: string): Promise<void> {
  const chains = await listChains(database.query, planId);
  if (!chains.some((c) => c.id === chainId)) throw notFound(`产业链 ${chainId}`, `chain ${chainId}`);
}
