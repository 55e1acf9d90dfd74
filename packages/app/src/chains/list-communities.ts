import {
  type CommunityMemberRow,
  countCommunityMembers,
  type Database,
  listCommunities as readCommunities,
  listCommunityMembers,
} from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { requireChain } from './chain-services-view.js';

export type CommunityRole = CommunityMemberRow['role'];
const ROLES: readonly CommunityRole[] = ['leader', 'supplier', 'customer', 'partner'];

export type CommunityView = {
  id: number;
  name: string;
  leader: { id: number; name: string };
  foundedYear: number;
  /** Every member, counted: by role, by primary node and by city (no firm named). */
  members: number;
  byRole: Record<CommunityRole, number>;
  byNode: Array<{ nodeId: string; nameZh: string | null; nameEn: string | null; members: number }>;
  byCity: Array<{ cityCode: string; nameZh: string | null; nameEn: string | null; members: number }>;
  /** The members the caller reads, named; the others are only counted above. */
  listed: Array<Omit<CommunityMemberRow, 'communityId'>>;
};

/**
 * The chain's enterprise communities (链主 + 上下游共同体) whose leading firm the caller reads (firms:read),
 * each with its members counted by role, node and city, and named where the caller reads them.
 */
export async function listCommunities(
  database: Database,
  actor: Actor,
  planId: string,
  chainId: string,
): Promise<CommunityView[]> {
  requirePermission(actor, 'firms:read');
  await requireChain(database, planId, chainId);
  const communities = await readCommunities(database.query, actor.scope, planId, chainId);
  const ids = communities.map((c) => c.id);
  const [counts, members] = await Promise.all([
    countCommunityMembers(database.query, ids),
    listCommunityMembers(database.query, actor.scope, ids),
  ]);
  return communities.map((c) => {
    const mine = counts.filter((r) => r.communityId === c.id);
    const byRole = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<CommunityRole, number>;
    const byNode = new Map<string, CommunityView['byNode'][number]>();
    const byCity = new Map<string, CommunityView['byCity'][number]>();
    for (const r of mine) {
      byRole[r.role] += r.members;
      const node = byNode.get(r.nodeId) ?? {
        nodeId: r.nodeId,
        nameZh: r.nodeNameZh,
        nameEn: r.nodeNameEn,
        members: 0,
      };
      node.members += r.members;
      byNode.set(r.nodeId, node);
      const city = byCity.get(r.cityCode) ?? {
        cityCode: r.cityCode,
        nameZh: r.cityNameZh,
        nameEn: r.cityNameEn,
        members: 0,
      };
      city.members += r.members;
      byCity.set(r.cityCode, city);
    }
    const most = <T extends { members: number }>(a: T, b: T) => b.members - a.members;
    return {
      id: c.id,
      name: c.name,
      leader: { id: c.leaderFirmId, name: c.leaderName },
      foundedYear: c.foundedYear,
      members: mine.reduce((s, r) => s + r.members, 0),
      byRole,
      byNode: [...byNode.values()].sort((a, b) => most(a, b) || a.nodeId.localeCompare(b.nodeId)),
      byCity: [...byCity.values()].sort((a, b) => most(a, b) || a.cityCode.localeCompare(b.cityCode)),
      listed: members.filter((m) => m.communityId === c.id).map(({ communityId: _, ...m }) => m),
    };
  });
}
