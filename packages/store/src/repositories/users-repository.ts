import type { Grant, Role } from '@chainbrain/domain';
import type { RawQuery } from '../connection/open-database.js';

export type UserRow = {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  isActive: boolean;
  isDemo: boolean;
  createdAt: string;
  /** The password was set by someone else; the user must change it before anything else. */
  mustChangePassword: boolean;
};

const USER_COLUMNS = `id, username, display_name as "displayName", password_hash as "passwordHash",
  is_active = 1 as "isActive", is_demo = 1 as "isDemo", created_at::text as "createdAt",
  must_change_password = 1 as "mustChangePassword"`;

export async function findUserByUsername(query: RawQuery, username: string): Promise<UserRow | undefined> {
  return (await query<UserRow>(`select ${USER_COLUMNS} from users where username = $1`, [username]))[0];
}

export async function findUserById(query: RawQuery, id: number): Promise<UserRow | undefined> {
  return (await query<UserRow>(`select ${USER_COLUMNS} from users where id = $1`, [id]))[0];
}

/** What a credential change must find unchanged since it was checked. */
export type CredentialState = { passwordHash: string; isActive: boolean; mustChangePassword: boolean };

/**
 * A user's password hash, active flag and must-change flag, with the row locked until the transaction
 * ends: a change checked outside the transaction (a password verified, a session resolved) must not
 * commit over an administrator's reset or deactivation that committed meanwhile.
 */
export async function lockCredentialState(
  query: RawQuery,
  userId: number,
): Promise<CredentialState | undefined> {
  return (
    await query<CredentialState>(
      `select password_hash as "passwordHash", is_active = 1 as "isActive",
         must_change_password = 1 as "mustChangePassword"
       from users where id = $1 for update`,
      [userId],
    )
  )[0];
}

export async function listUsers(query: RawQuery): Promise<UserRow[]> {
  return query<UserRow>(`select ${USER_COLUMNS} from users order by username`);
}

export async function insertUser(
  query: RawQuery,
  user: {
    username: string;
    displayName: string;
    passwordHash: string;
    isDemo?: boolean;
    mustChangePassword?: boolean;
  },
): Promise<number> {
  const rows = await query<{ id: number }>(
    `insert into users (username, display_name, password_hash, is_demo, must_change_password)
     values ($1, $2, $3, $4, $5) returning id`,
    [
      user.username,
      user.displayName,
      user.passwordHash,
      user.isDemo ? 1 : 0,
      user.mustChangePassword ? 1 : 0,
    ],
  );
  return rows[0]!.id;
}

export async function updateUser(
  query: RawQuery,
  id: number,
  changes: { displayName?: string; isActive?: boolean; passwordHash?: string; mustChangePassword?: boolean },
): Promise<void> {
  await query(
    `update users set display_name = coalesce($2, display_name),
       is_active = coalesce($3, is_active),
       password_hash = coalesce($4, password_hash),
       password_changed_at = case when $4::text is null then password_changed_at else now() end,
       must_change_password = coalesce($5, must_change_password)
     where id = $1`,
    [
      id,
      changes.displayName ?? null,
      changes.isActive === undefined ? null : changes.isActive ? 1 : 0,
      changes.passwordHash ?? null,
      changes.mustChangePassword === undefined ? null : changes.mustChangePassword ? 1 : 0,
    ],
  );
}

export async function listGrants(query: RawQuery, userId: number): Promise<Grant[]> {
  return query<Grant>(
    `select role, region_code as "regionCode", chain_id as "chainId", firm_id as "firmId"
     from grants where user_id = $1 order by id`,
    [userId],
  );
}

export async function listGrantsOfUsers(query: RawQuery, userIds: number[]): Promise<Map<number, Grant[]>> {
  const rows = await query<Grant & { userId: number }>(
    `select user_id as "userId", role, region_code as "regionCode", chain_id as "chainId", firm_id as "firmId"
     from grants where user_id = any($1::int[]) order by id`,
    [userIds],
  );
  const map = new Map<number, Grant[]>();
  for (const { userId, ...grant } of rows) map.set(userId, [...(map.get(userId) ?? []), grant]);
  return map;
}

export async function replaceGrants(query: RawQuery, userId: number, grantRows: Grant[]): Promise<void> {
  await query('delete from grants where user_id = $1', [userId]);
  for (const g of grantRows) {
    await query(
      'insert into grants (user_id, role, region_code, chain_id, firm_id) values ($1, $2, $3, $4, $5)',
      [userId, g.role satisfies Role, g.regionCode, g.chainId, g.firmId],
    );
  }
}

export async function countUsers(query: RawQuery): Promise<number> {
  return (await query<{ n: number }>('select count(*)::int as n from users'))[0]?.n ?? 0;
}

/**
 * Serialises changes to accounts and grants for the rest of the transaction (PostgreSQL advisory lock),
 * so that two administrators demoting each other at once cannot both pass the last-administrator check.
 */
export async function lockAccountChanges(query: RawQuery): Promise<void> {
  await query(`select pg_advisory_xact_lock(hashtext('chainbrain.accounts'))`);
}

/** Active users holding the province administrator role. */
export async function countActiveAdministrators(query: RawQuery): Promise<number> {
  const rows = await query<{ n: number }>(
    `select count(distinct u.id)::int as n from users u join grants g on g.user_id = u.id
     where u.is_active = 1 and g.role = 'province_admin'`,
  );
  return rows[0]?.n ?? 0;
}
