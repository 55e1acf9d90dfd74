import {
  type Database,
  type FirstOfKindKindCode,
  type FirstOfKindRow,
  listFirstOfKind as readFirstOfKind,
} from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { requireChain } from './chain-services-view.js';

export type FirstOfKindView = FirstOfKindRow;

/** The chain's first-of-a-kind products (首台套/首批次/首版次) of firms the caller reads (firms:read). */
export async function listFirstOfKind(
  database: Database,
  actor: Actor,
  planId: string,
  chainId: string,
  filters: { nodeId?: string | undefined; kind?: FirstOfKindKindCode | undefined } = {},
): Promise<FirstOfKindView[]> {
  requirePermission(actor, 'firms:read');
  await requireChain(database, planId, chainId);
  return readFirstOfKind(database.query, actor.scope, {
    planId,
    chainId,
    nodeId: filters.nodeId,
    ...(filters.kind ? { kind: filters.kind } : {}),
  });
}
