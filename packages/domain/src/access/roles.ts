import { z } from 'zod';

/**
 * Roles of the access model (docs/security.md). A user holds one or more grants; each grant is a role with
 * the region, chain or firm it applies to.
 */
export const ROLES = [
  'province_admin',
  'province_analyst',
  'chain_leader',
  'city',
  'county',
  'firm',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  province_admin: { zh: '省级管理员', en: 'Province administrator' },
  province_analyst: { zh: '省级分析员', en: 'Province analyst' },
  chain_leader: { zh: '链长/服务团', en: 'Chain leader / service team' },
  city: { zh: '市级', en: 'City official' },
  county: { zh: '县级', en: 'County official' },
  firm: { zh: '企业', en: 'Firm user' },
  viewer: { zh: '只读', en: 'Viewer' },
};

/** What a grant is bound to: nothing (province-wide), a city or county code, a chain, or a firm. */
export type Grant = { role: Role; regionCode: string | null; chainId: string | null; firmId: number | null };

type GrantField = 'region_code' | 'chain_id' | 'firm_id';
const GRANT_FIELDS: readonly GrantField[] = ['region_code', 'chain_id', 'firm_id'];

/**
 * The one field that binds each role's grant, or null for province-wide roles. The others must be empty:
 * scoping reads only this one, so a chain on a county grant (or a county on a chain leader's) would show
 * in the users list as a limit that is not applied.
 */
export const GRANT_BINDING: Record<Role, GrantField | null> = {
  province_admin: null,
  province_analyst: null,
  chain_leader: 'chain_id',
  city: 'region_code',
  county: 'region_code',
  firm: 'firm_id',
  viewer: null,
};

const FIELD_NAMES: Record<GrantField, { zh: string; en: string }> = {
  region_code: { zh: '地区', en: 'region' },
  chain_id: { zh: '产业链', en: 'chain' },
  firm_id: { zh: '企业', en: 'firm' },
};

export const grantSchema = z
  // Strict: a misspelt field (regoin_code) would be dropped and the grant stored without its limit.
  .strictObject({
    role: roleSchema,
    region_code: z
      .string()
      .regex(/^\d{6}$/)
      .nullable()
      .default(null),
    chain_id: z.string().min(1).max(100).nullable().default(null),
    // A firm id is a PostgreSQL integer: a larger one made the insert fail with a 500.
    firm_id: z.number().int().positive().max(2_147_483_647).nullable().default(null),
  })
  .superRefine((grant, ctx) => {
    const need = (field: 'region_code' | 'chain_id' | 'firm_id', ok: boolean, why: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [field], message: why });
    };
    switch (grant.role) {
      case 'city':
        need(
          'region_code',
          grant.region_code?.endsWith('00') === true && !grant.region_code.endsWith('0000'),
          'a city grant needs a city code (xxxx00) / 市级授权须指定市（代码 xxxx00）',
        );
        break;
      case 'county':
        need(
          'region_code',
          grant.region_code !== null && !grant.region_code.endsWith('00'),
          'a county grant needs a county code / 县级授权须指定区县',
        );
        break;
      case 'chain_leader':
        need(
          'chain_id',
          grant.chain_id !== null,
          'a chain leader grant needs a chain / 链长授权须指定产业链',
        );
        break;
      case 'firm':
        need('firm_id', grant.firm_id !== null, 'a firm grant needs a firm / 企业授权须指定企业');
        break;
      default:
        break;
    }
    for (const field of GRANT_FIELDS) {
      if (field !== GRANT_BINDING[grant.role] && grant[field] !== null) {
        const name = FIELD_NAMES[field];
        const role = ROLE_NAMES[grant.role];
        // " / " separates the two languages of a message, so it must not occur inside one of them.
        const roleEn = role.en.replaceAll(' / ', '/');
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `a ${roleEn} grant takes no ${name.en}: it would not limit access / ${role.zh}授权不能指定${name.zh}（不会限制访问范围）`,
        });
      }
    }
  });
export type GrantInput = z.infer<typeof grantSchema>;

/** Things a route may require. Each role has a fixed set (ROLE_PERMISSIONS). */
export const PERMISSIONS = [
  /** Dashboards and other aggregated figures. */
  'aggregates:read',
  /** Firm-level rows within the caller's scope. */
  'firms:read',
  /** Users, grants, other people's sessions and tokens. */
  'users:manage',
  /** Plan packs and thresholds. */
  'plans:manage',
  /** The audit log. */
  'audit:read',
  /** Scans and scenarios. */
  'analysis:run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  province_admin: [
    'aggregates:read',
    'firms:read',
    'users:manage',
    'plans:manage',
    'audit:read',
    'analysis:run',
  ],
  province_analyst: ['aggregates:read', 'firms:read', 'analysis:run'],
  chain_leader: ['aggregates:read', 'firms:read', 'analysis:run'],
  city: ['aggregates:read', 'firms:read'],
  county: ['aggregates:read', 'firms:read'],
  firm: ['firms:read'],
  viewer: ['aggregates:read'],
};

export function permissionsOf(grants: readonly Grant[]): Set<Permission> {
  const set = new Set<Permission>();
  for (const grant of grants) for (const p of ROLE_PERMISSIONS[grant.role]) set.add(p);
  return set;
}
