import {
  type Actor,
  changeOwnPassword,
  createApiToken,
  resolveSession,
  updateUserAccount,
} from '@chainbrain/app';
import type { Database } from '@chainbrain/store';
import { testBackends } from '@chainbrain/store/testing';
import { describe, expect, it } from 'vitest';
import { type Caller, signIn, useAccessFixture } from '../testing/access-fixture.js';

const FIRST = 'Given-by-admin-2026';
const OWN = 'My-own-secret-2026!';

for (const backend of testBackends()) {
  describe(`changing one's own password on ${backend.name}`, () => {
    const ctx = useAccessFixture(backend);
    const admin = () => ctx.fx.callers.province_admin;
    let counter = 0;

    /** A user an administrator made, signed in with the password the administrator chose. */
    async function newOfficial(): Promise<Caller & { username: string }> {
      const username = `official-${counter++}`;
      const created = await ctx.fx.as(admin(), {
        method: 'POST',
        url: '/api/v1/users',
        payload: { username, display_name: '县级', password: FIRST, grants: [{ role: 'viewer' }] },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json().must_change_password).toBe(true);
      const session = await signIn(ctx.fx.app, username, FIRST);
      return {
        role: 'viewer',
        userId: created.json().id,
        cookie: session.cookie,
        csrf: session.csrf,
        username,
      };
    }
    const change = (caller: Caller, body: object) =>
      ctx.fx.as(caller, { method: 'POST', url: '/api/v1/auth/password', payload: body });

    it('lets a user whose password an administrator set do nothing but change it', async () => {
      const official = await newOfficial();
      const me = await ctx.fx.as(official, { url: '/api/v1/auth/me' });
      expect(me.statusCode).toBe(200);
      expect(me.json().must_change_password).toBe(true);
      const tokens = await ctx.fx.as(official, { url: '/api/v1/auth/tokens' });
      expect(tokens.statusCode).toBe(403);
      expect(tokens.json().error.details.reason).toBe('password_change_required');
      expect(tokens.json().error.message_zh).toContain('初始密码');
      const regions = await ctx.fx.as(official, { url: '/api/v1/plans/tiny/overview?month=2025-03' });
      expect(regions.json().error.details.reason).toBe('password_change_required');
      const token = await ctx.fx.as(official, {
        method: 'POST',
        url: '/api/v1/auth/tokens',
        payload: { name: 'before changing' },
      });
      expect(token.statusCode).toBe(403);

      const changed = await change(official, { current_password: FIRST, new_password: OWN });
      expect(changed.statusCode).toBe(200);
      expect((await ctx.fx.as(official, { url: '/api/v1/auth/me' })).json().must_change_password).toBe(false);
      expect((await ctx.fx.as(official, { url: '/api/v1/auth/tokens' })).statusCode).toBe(200);
      expect(
        (await ctx.fx.as(official, { url: '/api/v1/plans/tiny/overview?month=2025-03' })).statusCode,
      ).toBe(200);
      // The old password no longer signs in; the new one does.
      await expect(signIn(ctx.fx.app, official.username, FIRST)).rejects.toThrow(/用户名或密码错误/);
      await signIn(ctx.fx.app, official.username, OWN);
      const listed = (await ctx.fx.as(admin(), { url: '/api/v1/users' })).json() as Array<{
        username: string;
        must_change_password: boolean;
      }>;
      expect(listed.find((u) => u.username === official.username)?.must_change_password).toBe(false);
    });

    it('refuses a wrong current password, the same password and a weak one, in both languages', async () => {
      const official = await newOfficial();
      const wrong = await change(official, { current_password: 'not-it-at-all', new_password: OWN });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.message_zh).toBe('当前密码不正确');
      expect(wrong.json().error.message_en).toBe('The current password is wrong');
      const same = await change(official, { current_password: FIRST, new_password: FIRST });
      expect(same.statusCode).toBe(400);
      expect(same.json().error.message_zh).toContain('不能与当前密码相同');
      const weak = await change(official, { current_password: FIRST, new_password: 'short' });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.details.problems).toContain('too_short');
      const withName = await change(official, {
        current_password: FIRST,
        new_password: `${official.username}-X9!abc`,
      });
      expect(withName.json().error.details.problems).toContain('contains_username');
      // Nothing changed: the administrator's password still signs in, and the change is still due.
      const again = await signIn(ctx.fx.app, official.username, FIRST);
      expect(again.body.must_change_password).toBe(true);
    });

    it('backs off after repeated wrong current passwords, as sign-in does', async () => {
      const official = await newOfficial();
      for (let i = 0; i < 5; i++) {
        expect(
          (await change(official, { current_password: `wrong-${i}`, new_password: OWN })).statusCode,
        ).toBe(400);
      }
      const blocked = await change(official, { current_password: FIRST, new_password: OWN });
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.json().error.message_zh).toContain('秒后再试');
    });

    it('gives back only its own place in the backoff when it succeeds', async () => {
      const official = await newOfficial();
      // A sign-in attempt of the same account is in flight (its place reserved, not yet decided).
      await ctx.database.query(
        `insert into auth_throttle (key, failures, pending, window_start) values ($1, 0, 1, now())
         on conflict (key) do update set pending = auth_throttle.pending + 1`,
        [`user:${official.username}`],
      );
      expect((await change(official, { current_password: FIRST, new_password: OWN })).statusCode).toBe(200);
      const rows = await ctx.database.query<{ pending: number }>(
        'select pending from auth_throttle where key = $1',
        [`user:${official.username}`],
      );
      expect(rows[0]?.pending).toBe(1);
    });

    it('ends the other sessions and revokes the tokens, unless asked to keep them', async () => {
      const official = await newOfficial();
      expect((await change(official, { current_password: FIRST, new_password: OWN })).statusCode).toBe(200);
      const feed = await ctx.fx.as(official, {
        method: 'POST',
        url: '/api/v1/auth/tokens',
        payload: { name: 'feed' },
      });
      const bearer = { authorization: `Bearer ${feed.json().token}` };
      const works = async () =>
        (await ctx.fx.app.inject({ url: '/api/v1/auth/me', headers: bearer })).statusCode === 200;
      expect(await works()).toBe(true);
      // A token cannot change the password.
      const byToken = await ctx.fx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: bearer,
        payload: { current_password: OWN, new_password: 'Through-a-token-2026' },
      });
      expect(byToken.statusCode).toBe(403);

      const phone = await signIn(ctx.fx.app, official.username, OWN);
      const asPhone = { ...official, cookie: phone.cookie, csrf: phone.csrf };
      const kept = await change(official, {
        current_password: OWN,
        new_password: 'Second-secret-2026',
        revoke_tokens: false,
      });
      expect(kept.json()).toEqual({ ended_sessions: 1, revoked_tokens: 0 });
      expect((await ctx.fx.as(asPhone, { url: '/api/v1/auth/me' })).statusCode).toBe(401);
      expect((await ctx.fx.as(official, { url: '/api/v1/auth/me' })).statusCode).toBe(200);
      expect(await works()).toBe(true);
      const revoked = await change(official, {
        current_password: 'Second-secret-2026',
        new_password: 'Third-secret-2026',
      });
      expect(revoked.json()).toEqual({ ended_sessions: 0, revoked_tokens: 1 });
      expect(await works()).toBe(false);
      const audit = await ctx.database.query<{ action: string }>(
        "select action from audit_log where target_id = $1 and action like 'user.password%' order by id",
        [String(official.userId)],
      );
      expect(audit.map((a) => a.action)).toEqual([
        'user.password_change',
        'user.password_change',
        'user.password_change',
      ]);
    });

    /** The database, with `before` run just before its `n`-th transaction: a change committed meanwhile. */
    const interleaved = (database: Database, n: number, before: () => Promise<unknown>): Database => {
      let calls = 0;
      return {
        ...database,
        transaction: async (work) => {
          calls++;
          if (calls === n) await before();
          return database.transaction(work);
        },
      };
    };
    const actorOf = async (caller: Caller): Promise<Actor> =>
      (await resolveSession(ctx.database, caller.cookie, null))!.actor;

    it('lets an administrator’s reset win over a change or a token creation already under way', async () => {
      const official = await newOfficial();
      await change(official, { current_password: FIRST, new_password: OWN });
      const adminActor = await actorOf(admin());
      const reset = () =>
        updateUserAccount(ctx.database, adminActor, official.userId, { password: 'Reset-by-admin-2026' });
      // The change verified the current password, then the reset committed before the change's write.
      const officialActor = await actorOf(official);
      await expect(
        changeOwnPassword(interleaved(ctx.database, 2, reset), officialActor, official.cookie, {
          currentPassword: OWN,
          newPassword: 'Attacker-chose-2026',
          revokeTokens: true,
        }),
      ).rejects.toMatchObject({ code: 'conflict' });
      await expect(signIn(ctx.fx.app, official.username, 'Attacker-chose-2026')).rejects.toThrow(
        /用户名或密码错误/,
      );
      const afterReset = await signIn(ctx.fx.app, official.username, 'Reset-by-admin-2026');
      expect(afterReset.body.must_change_password).toBe(true);

      // A token asked for from a session that a reset ended meanwhile is not made.
      const again = { ...official, cookie: afterReset.cookie, csrf: afterReset.csrf };
      await change(again, { current_password: 'Reset-by-admin-2026', new_password: OWN });
      const liveActor = await actorOf(again);
      const secondReset = () =>
        updateUserAccount(ctx.database, adminActor, official.userId, { password: 'Second-reset-2026' });
      await expect(
        createApiToken(interleaved(ctx.database, 1, secondReset), liveActor, again.cookie, {
          name: 'slipped through',
          scope: 'read',
          expiresInDays: 30,
        }),
      ).rejects.toMatchObject({ code: 'conflict' });
      const tokens = await ctx.database.query(
        'select 1 from api_tokens where user_id = $1 and revoked_at is null',
        [official.userId],
      );
      expect(tokens).toHaveLength(0);
    });

    it('makes a password an administrator resets due again, but not the administrator’s own', async () => {
      const official = await newOfficial();
      await change(official, { current_password: FIRST, new_password: OWN });
      const reset = await ctx.fx.as(admin(), {
        method: 'PATCH',
        url: `/api/v1/users/${official.userId}`,
        payload: { password: 'Reset-by-admin-2026' },
      });
      expect(reset.json().must_change_password).toBe(true);
      const own = await ctx.fx.as(admin(), {
        method: 'PATCH',
        url: `/api/v1/users/${admin().userId}`,
        payload: { password: 'Admin-chose-this-2026' },
      });
      expect(own.json().must_change_password).toBe(false);
    });
  });
}
