import { unknownName } from '@chainbrain/app';
import { testBackends } from '@chainbrain/store/testing';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../build-server.js';
import { ROLE_USERS, signIn, TEST_PASSWORD, useAccessFixture } from '../testing/access-fixture.js';

for (const backend of testBackends()) {
  describe(`sign-in, sessions and tokens on ${backend.name}`, () => {
    const ctx = useAccessFixture(backend);
    const login = (username: string, password: string, ip = '10.9.9.9') =>
      ctx.fx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
        remoteAddress: ip,
      });

    it('sets an HttpOnly SameSite=Lax session cookie and returns the grants', async () => {
      const response = await login(ROLE_USERS.city.username, TEST_PASSWORD);
      expect(response.statusCode).toBe(200);
      const cookies = [response.headers['set-cookie']].flat().join('\n');
      expect(cookies).toMatch(/cb_session=[^;]+;.*HttpOnly/);
      expect(cookies).toMatch(/cb_session=[^;]+;.*SameSite=Lax/);
      expect(response.json().grants).toEqual([
        expect.objectContaining({ role: 'city', region_code: '330100', role_name_zh: '市级' }),
      ]);
    });

    it('names the firm of a firm grant, for the user and in the users list', async () => {
      const me = (await ctx.fx.as(ctx.fx.callers.firm, { url: '/api/v1/auth/me' })).json();
      expect(me.grants[0]).toMatchObject({ role: 'firm', firm_id: 2, firm_name: '甲二公司' });
      const users = (await ctx.fx.as(ctx.fx.callers.province_admin, { url: '/api/v1/users' })).json();
      const firmUser = users.find((u: { username: string }) => u.username === ROLE_USERS.firm.username);
      expect(firmUser.grants[0].firm_name).toBe('甲二公司');
      expect(
        users.find((u: { username: string }) => u.username === ROLE_USERS.viewer.username).grants[0]
          .firm_name,
      ).toBeNull();
    });

    it('answers a wrong password and an unknown user alike, in Chinese and English', async () => {
      const wrong = await login(ROLE_USERS.city.username, 'nope-nope-nope', '10.1.1.1');
      const unknown = await login('nobody-here', 'nope-nope-nope', '10.1.1.2');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().error).toEqual(unknown.json().error);
      expect(wrong.json().error.message_zh).toBe('用户名或密码错误');
    });

    it('backs off after repeated failures with 429 and Retry-After, per account', async () => {
      const user = ROLE_USERS.county.username;
      for (let i = 0; i < 5; i++)
        expect((await login(user, 'wrong-password-x', `10.2.0.${i}`)).statusCode).toBe(401);
      const blocked = await login(user, TEST_PASSWORD, '10.2.0.99');
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.json().error.message_zh).toContain('秒后再试');
      // Another account from another address is not affected.
      expect((await login(ROLE_USERS.viewer.username, TEST_PASSWORD, '10.3.0.1')).statusCode).toBe(200);
    });

    it('backs off when the guesses come all at once, and checks one guess after a block runs out', async () => {
      const user = ROLE_USERS.firm.username;
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => login(user, `wrong-password-${i}`, `10.8.${i >> 8}.${i & 255}`)),
      );
      const counts = new Map<number, number>();
      for (const a of answers) counts.set(a.statusCode, (counts.get(a.statusCode) ?? 0) + 1);
      // Only the failures the policy allows were checked; the rest were refused unchecked.
      expect(Object.fromEntries(counts)).toEqual({ 401: 5, 429: 35 });
      const key = `user:${user}`;
      const row = async () =>
        (
          await ctx.database.query<{ failures: number; pending: number }>(
            'select failures, pending from auth_throttle where key = $1',
            [key],
          )
        )[0];
      expect(await row()).toEqual({ failures: 5, pending: 0 });
      // The block runs out: one more guess is checked, and its failure blocks again.
      await ctx.database.query(
        "update auth_throttle set blocked_until = now() - interval '1 second' where key = $1",
        [key],
      );
      expect((await login(user, 'wrong-password-again', '10.8.9.1')).statusCode).toBe(401);
      expect((await row())?.failures).toBe(6);
      expect((await login(user, TEST_PASSWORD, '10.8.9.2')).statusCode).toBe(429);
      await ctx.database.query('delete from auth_throttle where key = $1', [key]);
      expect((await login(user, TEST_PASSWORD, '10.8.9.3')).statusCode).toBe(200);
    });

    it('backs off per address too', async () => {
      for (let i = 0; i < 20; i++) await login(`ghost-${i}`, 'wrong-password-x', '10.4.4.4');
      expect((await login(ROLE_USERS.viewer.username, TEST_PASSWORD, '10.4.4.4')).statusCode).toBe(429);
    });

    it('limits sign-in attempts per address and minute, in both languages', async () => {
      const app = await buildServer({ database: ctx.database, loginRateLimitPerMinute: 3 });
      try {
        const attempt = () =>
          app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { username: 'x', password: 'y' },
            remoteAddress: '10.7.7.7',
          });
        for (let k = 0; k < 3; k++) expect((await attempt()).statusCode).toBe(401);
        const limited = await attempt();
        expect(limited.statusCode).toBe(429);
        expect(limited.json().error.message_zh).toContain('请求过于频繁');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await app.close();
      }
    });

    it('limits API requests per token and minute', async () => {
      const created = await ctx.fx.as(ctx.fx.callers.viewer, {
        method: 'POST',
        url: '/api/v1/auth/tokens',
        payload: { name: 'busy feed' },
      });
      const app = await buildServer({ database: ctx.database, rateLimitPerMinute: 3 });
      try {
        const call = () =>
          app.inject({
            url: '/api/v1/auth/me',
            headers: { authorization: `Bearer ${created.json().token}` },
          });
        for (let k = 0; k < 3; k++) expect((await call()).statusCode).toBe(200);
        const limited = await call();
        expect(limited.statusCode).toBe(429);
        expect(limited.json().error.message_en).toContain('Too many requests');
      } finally {
        await app.close();
      }
    });

    it('gives a made-up Authorization header no bucket of its own', async () => {
      const app = await buildServer({
        database: ctx.database,
        rateLimitPerMinute: 3,
        loginRateLimitPerMinute: 3,
      });
      try {
        const viewer = ctx.fx.callers.viewer;
        // Signed in with the cookie, plus a different junk header on every request: one bucket, the address's.
        const statuses: number[] = [];
        for (let k = 0; k < 5; k++) {
          const r = await app.inject({
            url: '/api/v1/auth/me',
            headers: { cookie: `cb_session=${viewer.cookie}`, authorization: `Basic junk${k}` },
            remoteAddress: '10.6.6.6',
          });
          statuses.push(r.statusCode);
        }
        expect(statuses).toEqual([200, 200, 200, 429, 429]);
        // Sign-in attempts with made-up bearer tokens are limited per address too.
        const logins: number[] = [];
        for (let k = 0; k < 5; k++) {
          const r = await app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            // A name of its own, so that no earlier test's failures back this account off.
            payload: { username: 'made-up-bearer', password: 'y' },
            headers: { authorization: `Bearer cbt_madeup${k}` },
            remoteAddress: '10.6.6.7',
          });
          logins.push(r.statusCode);
        }
        expect(logins).toEqual([401, 401, 401, 429, 429]);
      } finally {
        await app.close();
      }
    });

    it('takes the client address from the trusted proxy hops only', async () => {
      const whoAmI = async (trustProxy: string | undefined) => {
        const app = await buildServer({ database: ctx.database, trustProxy, loginRateLimitPerMinute: 1000 });
        try {
          const name = `proxy-probe-${trustProxy ?? 'none'}`;
          await app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { username: name, password: 'x' },
            remoteAddress: '10.1.1.1',
            // The client wrote the first entry itself; the proxy appended the address it saw.
            headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' },
          });
          const rows = await ctx.database.query<{ ip: string }>(
            "select ip from audit_log where action = 'auth.login_failed' and actor_name = $1",
            [unknownName(name)],
          );
          return rows[0]?.ip;
        } finally {
          await app.close();
        }
      };
      expect(await whoAmI(undefined)).toBe('10.1.1.1');
      expect(await whoAmI('1')).toBe('203.0.113.7');
      expect(await whoAmI('10.1.1.0/24')).toBe('203.0.113.7');
      expect(await whoAmI('2')).toBe('6.6.6.6');
      await expect(buildServer({ database: ctx.database, trustProxy: 'yes' })).rejects.toThrow(/跳数/);
    });

    it('requires the CSRF header on changes made with the cookie', async () => {
      const s = await signIn(ctx.fx.app, ROLE_USERS.province_analyst.username);
      const headers = { cookie: `cb_session=${s.cookie}` };
      const missing = await ctx.fx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        headers,
        payload: { name: 'x' },
      });
      expect(missing.statusCode).toBe(403);
      expect(missing.json().error.message_en).toContain('CSRF');
      const wrong = await ctx.fx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        headers: { ...headers, 'x-csrf-token': 'forged' },
        payload: { name: 'x' },
      });
      expect(wrong.statusCode).toBe(403);
      const right = await ctx.fx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        headers: { ...headers, 'x-csrf-token': s.csrf },
        payload: { name: 'x' },
      });
      expect(right.statusCode).toBe(201);
    });

    it('issues API tokens shown once, stored hashed, scoped and revocable', async () => {
      const created = await ctx.fx.as(ctx.fx.callers.city, {
        method: 'POST',
        url: '/api/v1/auth/tokens',
        payload: { name: 'feed', scope: 'read', expires_in_days: 30 },
      });
      expect(created.statusCode).toBe(201);
      const { token, id } = created.json();
      expect(token).toMatch(/^cbt_/);
      const stored = await ctx.database.query<{ token_hash: string }>(
        'select token_hash from api_tokens where id = $1',
        [id],
      );
      expect(stored[0]?.token_hash).not.toContain(token);
      const list = await ctx.fx.as(ctx.fx.callers.city, { url: '/api/v1/auth/tokens' });
      expect(JSON.stringify(list.json())).not.toContain(token);
      const bearer = { authorization: `Bearer ${token}` };
      const firms = await ctx.fx.app.inject({ url: '/api/v1/firms?plan=tiny', headers: bearer });
      expect(firms.json().items.map((f: { id: number }) => f.id)).toEqual([1]);
      const write = await ctx.fx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        headers: bearer,
        payload: { name: 'y' },
      });
      expect(write.statusCode).toBe(403);
      expect(
        (await ctx.fx.as(ctx.fx.callers.city, { method: 'DELETE', url: `/api/v1/auth/tokens/${id}` }))
          .statusCode,
      ).toBe(204);
      expect((await ctx.fx.app.inject({ url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(401);
    });

    it('holds at most 20 live tokens per user and lists the live ones with the 20 last ended', async () => {
      const caller = ctx.fx.callers.province_analyst;
      const make = (name: string) =>
        ctx.fx.as(caller, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name } });
      // Other tests made tokens for this user too: start from none live.
      await ctx.database.query(
        "update api_tokens set revoked_at = now() - interval '2 days' where user_id = $1 and revoked_at is null",
        [caller.userId],
      );
      const ids: number[] = [];
      for (let i = 0; i < 20; i++) {
        const created = await make(`feed-${i}`);
        expect(created.statusCode).toBe(201);
        ids.push(created.json().id);
      }
      const refused = await make('one-too-many');
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message_zh).toContain('上限 20 个');
      expect(refused.json().error.message_en).toContain('limit of 20');
      // Ending tokens makes room; the list keeps every live token and the 20 most recently ended.
      await ctx.database.query(
        "update api_tokens set revoked_at = now() - interval '1 day' where id = any($1::int[])",
        [ids],
      );
      for (let i = 0; i < 25; i++) {
        const created = await make(`rotated-${i}`);
        expect(created.statusCode).toBe(201);
        await ctx.fx.as(caller, { method: 'DELETE', url: `/api/v1/auth/tokens/${created.json().id}` });
      }
      const kept = await make('kept');
      expect(kept.statusCode).toBe(201);
      const list = (await ctx.fx.as(caller, { url: '/api/v1/auth/tokens' })).json() as Array<{
        id: number;
        name: string;
        revoked_at: string | null;
      }>;
      expect(list.filter((t) => t.revoked_at === null).map((t) => t.name)).toEqual(['kept']);
      const ended = list.filter((t) => t.revoked_at !== null);
      expect(ended).toHaveLength(20);
      // The most recently ended first: the last rotated tokens, not the feeds ended a day or more ago.
      expect(ended.map((t) => t.name)).toEqual(Array.from({ length: 20 }, (_, i) => `rotated-${24 - i}`));
    });

    it('refuses an expired token and a made-up one', async () => {
      const created = await ctx.fx.as(ctx.fx.callers.viewer, {
        method: 'POST',
        url: '/api/v1/auth/tokens',
        payload: { name: 'old' },
      });
      await ctx.database.query(
        "update api_tokens set expires_at = now() - interval '1 minute' where id = $1",
        [created.json().id],
      );
      expect(
        (
          await ctx.fx.app.inject({
            url: '/api/v1/auth/me',
            headers: { authorization: `Bearer ${created.json().token}` },
          })
        ).statusCode,
      ).toBe(401);
      expect(
        (await ctx.fx.app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer cbt_madeup' } }))
          .statusCode,
      ).toBe(401);
    });

    it('ends a session on logout, on expiry and when the user is deactivated', async () => {
      const a = await signIn(ctx.fx.app, ROLE_USERS.firm.username);
      const asA = { cookie: `cb_session=${a.cookie}; cb_csrf=${a.csrf}`, 'x-csrf-token': a.csrf };
      expect(
        (await ctx.fx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: asA })).statusCode,
      ).toBe(204);
      expect((await ctx.fx.app.inject({ url: '/api/v1/auth/me', headers: asA })).statusCode).toBe(401);

      const b = await signIn(ctx.fx.app, ROLE_USERS.firm.username);
      await ctx.database.query(
        "update sessions set expires_at = now() - interval '1 second' where user_id = $1",
        [ctx.fx.callers.firm.userId],
      );
      expect(
        (await ctx.fx.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `cb_session=${b.cookie}` } }))
          .statusCode,
      ).toBe(401);

      const c = await signIn(ctx.fx.app, ROLE_USERS.firm.username);
      const off = await ctx.fx.as(ctx.fx.callers.province_admin, {
        method: 'PATCH',
        url: `/api/v1/users/${ctx.fx.callers.firm.userId}`,
        payload: { is_active: false },
      });
      expect(off.statusCode).toBe(200);
      expect(
        (await ctx.fx.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `cb_session=${c.cookie}` } }))
          .statusCode,
      ).toBe(401);
      expect((await login(ROLE_USERS.firm.username, TEST_PASSWORD, '10.5.5.5')).statusCode).toBe(401);
      await ctx.fx.as(ctx.fx.callers.province_admin, {
        method: 'PATCH',
        url: `/api/v1/users/${ctx.fx.callers.firm.userId}`,
        payload: { is_active: true },
      });
    });

    it('revokes a user’s API tokens on a password reset and on deactivation, for good', async () => {
      const admin = ctx.fx.callers.province_admin;
      const city = ctx.fx.callers.city;
      const newToken = async (name: string) =>
        (
          await ctx.fx.as(city, {
            method: 'POST',
            url: '/api/v1/auth/tokens',
            payload: { name, scope: 'write' },
          })
        ).json().token as string;
      const works = async (token: string) =>
        (await ctx.fx.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } }))
          .statusCode === 200;
      const patchCity = (payload: object) =>
        ctx.fx.as(admin, { method: 'PATCH', url: `/api/v1/users/${city.userId}`, payload });

      const beforeReset = await newToken('before-reset');
      expect(await works(beforeReset)).toBe(true);
      expect((await patchCity({ password: TEST_PASSWORD })).statusCode).toBe(200);
      expect(await works(beforeReset)).toBe(false);

      // The city user signs in again (the reset ended the session) and makes another token. The reset made
      // a password change due (password-change.test.ts); this test is about tokens, so it is waived here.
      await ctx.database.query('update users set must_change_password = 0 where id = $1', [city.userId]);
      const again = await signIn(ctx.fx.app, ROLE_USERS.city.username);
      city.cookie = again.cookie;
      city.csrf = again.csrf;
      const beforeDeactivation = await newToken('before-deactivation');
      expect((await patchCity({ is_active: false })).statusCode).toBe(200);
      expect((await patchCity({ is_active: true })).statusCode).toBe(200);
      // Reactivating the account does not bring the token back.
      expect(await works(beforeDeactivation)).toBe(false);
      const audit = (await ctx.fx.as(admin, { url: '/api/v1/audit?limit=5' })).json();
      const deactivation = audit.find(
        (e: { action: string; details: { isActive?: boolean } }) =>
          e.action === 'user.update' && e.details.isActive === false,
      );
      expect(deactivation.details).toMatchObject({ revokedTokens: 1 });

      // An administrator lists a user's tokens (without secrets) and revokes one.
      const reSignedIn = await signIn(ctx.fx.app, ROLE_USERS.city.username);
      city.cookie = reSignedIn.cookie;
      city.csrf = reSignedIn.csrf;
      const feed = await newToken('feed');
      const listed = await ctx.fx.as(admin, { url: `/api/v1/users/${city.userId}/tokens` });
      expect(listed.statusCode).toBe(200);
      expect(JSON.stringify(listed.json())).not.toContain(feed);
      const live = listed.json().find((t: { name: string; revoked_at: string | null }) => t.name === 'feed');
      expect(live.revoked_at).toBeNull();
      expect(
        listed.json().filter((t: { revoked_at: string | null }) => t.revoked_at !== null).length,
      ).toBeGreaterThanOrEqual(2);
      const revoke = (userId: number, tokenId: number) =>
        ctx.fx.as(admin, { method: 'DELETE', url: `/api/v1/users/${userId}/tokens/${tokenId}` });
      // A token id paired with another user is not found.
      expect((await revoke(ctx.fx.callers.viewer.userId, live.id)).statusCode).toBe(404);
      expect(await works(feed)).toBe(true);
      expect((await revoke(city.userId, live.id)).statusCode).toBe(204);
      expect(await works(feed)).toBe(false);
      expect((await revoke(city.userId, live.id)).statusCode).toBe(404);
      const tooLarge = await ctx.fx.as(admin, { url: '/api/v1/users/99999999999/tokens' });
      expect(tooLarge.statusCode).toBe(400);
      expect(tooLarge.json().error.message_zh).toBeTruthy();
    });

    it('enforces password rules with reasons in both languages', async () => {
      const weak = await ctx.fx.as(ctx.fx.callers.province_admin, {
        method: 'POST',
        url: '/api/v1/users',
        payload: { username: 'weak-user', display_name: 'W', password: 'short', grants: [] },
      });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.message_zh).toContain('至少 12 个字符');
      expect(weak.json().error.details.problems).toContain('too_short');
    });

    it('tells a caller who is not signed in so before judging the request, and refuses unknown fields', async () => {
      const anonymous = await ctx.fx.app.inject({
        method: 'PATCH',
        url: '/api/v1/users/1',
        payload: { is_active: 'no' },
      });
      expect(anonymous.statusCode).toBe(401);
      const admin = ctx.fx.callers.province_admin;
      const misspelt = await ctx.fx.as(admin, {
        method: 'PATCH',
        url: `/api/v1/users/${ctx.fx.callers.viewer.userId}`,
        payload: { is_actve: false },
      });
      expect(misspelt.statusCode).toBe(400);
      expect(misspelt.json().error.message_en).toContain('is_actve');
      const grantTypo = await ctx.fx.as(admin, {
        method: 'PATCH',
        url: `/api/v1/users/${ctx.fx.callers.viewer.userId}`,
        payload: { grants: [{ role: 'city', regoin_code: '330100' }] },
      });
      expect(grantTypo.statusCode).toBe(400);
      expect(grantTypo.json().error.message_en).toContain('regoin_code');
    });

    it('refuses to leave the system without an active province administrator', async () => {
      const admin = ctx.fx.callers.province_admin;
      const patch = (userId: number, payload: object) =>
        ctx.fx.as(admin, { method: 'PATCH', url: `/api/v1/users/${userId}`, payload });
      // The only administrator gives up the role: nobody could manage users any more.
      const alone = await patch(admin.userId, { grants: [], display_name: 'renamed' });
      expect(alone.statusCode).toBe(409);
      expect(alone.json().error.message_zh).toContain('省级管理员');
      const me = (await ctx.fx.as(admin, { url: '/api/v1/auth/me' })).json();
      expect(me.grants.map((g: { role: string }) => g.role)).toEqual(['province_admin']);
      expect(me.display_name).not.toBe('renamed'); // nothing of the refused change was kept
      // With a second administrator, either may be demoted or deactivated.
      const second = await ctx.fx.as(admin, {
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          username: 'second-admin',
          display_name: 'S',
          password: 'Good-password-789',
          grants: [{ role: 'province_admin' }],
        },
      });
      expect(second.statusCode).toBe(201);
      expect((await patch(second.json().id, { grants: [{ role: 'viewer' }] })).statusCode).toBe(200);
      expect((await patch(second.json().id, { is_active: false })).statusCode).toBe(200);
    });

    it('validates grants against regions, chains and firms', async () => {
      const bad = await ctx.fx.as(ctx.fx.callers.province_admin, {
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          username: 'bad-grant',
          display_name: 'B',
          password: 'Good-password-789',
          grants: [{ role: 'city', region_code: '330106' }],
        },
      });
      expect(bad.statusCode).toBe(400);
      const unknownChain = await ctx.fx.as(ctx.fx.callers.province_admin, {
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          username: 'bad-chain',
          display_name: 'B',
          password: 'Good-password-789',
          grants: [{ role: 'chain_leader', chain_id: 'nope' }],
        },
      });
      expect(unknownChain.statusCode).toBe(400);
      expect(unknownChain.json().error.message_en).toContain('unknown chain');
      // A firm id beyond PostgreSQL's integer range failed in the insert, a 500.
      const hugeFirm = await ctx.fx.as(ctx.fx.callers.province_admin, {
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          username: 'huge-firm',
          display_name: 'H',
          password: 'Good-password-789',
          grants: [{ role: 'firm', firm_id: 99_999_999_999 }],
        },
      });
      expect(hugeFirm.statusCode).toBe(400);
      expect(hugeFirm.json().error.message_en).toContain('grants.0.firm_id');
      // A field the role is not bound by would show as a limit that scoping does not apply.
      for (const grant of [
        { role: 'county', region_code: '330106', chain_id: 'beta' },
        { role: 'chain_leader', chain_id: 'beta', region_code: '330206' },
        { role: 'viewer', firm_id: 1 },
      ]) {
        const extra = await ctx.fx.as(ctx.fx.callers.province_admin, {
          method: 'POST',
          url: '/api/v1/users',
          payload: {
            username: 'extra-field',
            display_name: 'E',
            password: 'Good-password-789',
            grants: [grant],
          },
        });
        expect(extra.statusCode, JSON.stringify(grant)).toBe(400);
        expect(extra.json().error.message_en).toMatch(
          /grant takes no (chain|region|firm): it would not limit access/,
        );
        expect(extra.json().error.message_zh).toMatch(/授权不能指定/);
      }
    });

    it('pages the audit log back in time with before=<id>, without gaps or repeats', async () => {
      const admin = ctx.fx.callers.province_admin;
      const all = (await ctx.fx.as(admin, { url: '/api/v1/audit?limit=500' })).json() as Array<{
        id: number;
      }>;
      expect(all.length).toBeGreaterThan(6);
      const paged: number[] = [];
      let before: number | undefined;
      for (;;) {
        const url = `/api/v1/audit?limit=3${before === undefined ? '' : `&before=${before}`}`;
        const page = (await ctx.fx.as(admin, { url })).json() as Array<{ id: number }>;
        paged.push(...page.map((e) => e.id));
        if (page.length < 3) break;
        before = page.at(-1)!.id;
      }
      expect(paged).toEqual(all.map((e) => e.id));
    });

    it('never writes what was typed as an unknown username into the audit log', async () => {
      const typed = 'Secret-typed-into-the-username-field-42';
      await login(typed, 'x', '10.12.0.1');
      const rows = await ctx.database.query<{ actor_name: string }>(
        "select actor_name from audit_log where action = 'auth.login_failed' and actor_name like 'unknown:%'",
      );
      expect(rows.map((r) => r.actor_name)).toContain(unknownName(typed));
      const all = await ctx.database.query<{ n: number }>(
        'select count(*)::int as n from audit_log where actor_name like $1 or details::text like $1',
        [`%${typed}%`],
      );
      expect(all[0]?.n).toBe(0);
    });

    it('records state changes and sign-ins in the audit log, with an intact chain', async () => {
      const entries = (
        await ctx.fx.as(ctx.fx.callers.province_admin, { url: '/api/v1/audit?limit=500' })
      ).json();
      const actions = new Set(entries.map((e: { action: string }) => e.action));
      for (const action of [
        'auth.login',
        'auth.login_failed',
        'auth.logout',
        'token.create',
        'token.revoke',
        'user.update',
      ]) {
        expect(actions).toContain(action);
      }
      expect(JSON.stringify(entries)).not.toContain(TEST_PASSWORD);
      expect(
        (await ctx.fx.as(ctx.fx.callers.province_admin, { url: '/api/v1/audit/verify' })).json(),
      ).toMatchObject({
        ok: true,
      });
    });
  });
}
