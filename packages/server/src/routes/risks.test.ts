import { testBackends } from '@chainbrain/store/testing';
import { describe, expect, it } from 'vitest';
import { readSheet } from '../testing/read-sheet.js';
import { useAccessFixture } from '../testing/access-fixture.js';

/** The seeded cases (seedTinyRiskCases): case 2 is firm 3's, in 北仑区 of Ningbo, on chain beta. */
for (const backend of testBackends()) {
  describe(`risk list routes on ${backend.name}`, () => {
    const ctx = useAccessFixture(backend);
    const act = (role: 'county' | 'city' | 'province_admin' | 'firm', caseId: number, payload: unknown) =>
      ctx.fx.as(ctx.fx.callers[role], {
        method: 'POST',
        url: `/api/v1/risks/${caseId}/actions?plan=tiny`,
        payload: payload as Record<string, unknown>,
      });
    const get = (url: string) => ctx.fx.as(ctx.fx.callers.province_admin, { url });

    it('takes a case through the loop and answers with its history', async () => {
      expect((await act('county', 2, { action: 'acknowledge' })).statusCode).toBe(200);
      const noNote = await act('county', 2, { action: 'resolve', measure: 'local_substitute' });
      expect(noNote.statusCode).toBe(400);
      expect(noNote.json().error).toMatchObject({ code: 'invalid_input' });
      expect(noNote.json().error.message_zh).toContain('说明');
      expect(noNote.json().error.message_en).toContain('note');
      const resolved = await act('county', 2, {
        action: 'resolve',
        measure: 'local_substitute',
        note: '省内企业已可替代',
      });
      expect(resolved.statusCode).toBe(200);
      expect(resolved.json()).toMatchObject({ status: 'resolved', level: 'county', actions: ['comment'] });
      // The same county may not close what it resolved: a 403 that says what is allowed.
      const own = await act('county', 2, { action: 'confirm' });
      expect(own.statusCode).toBe(403);
      expect(own.json().error.message_zh).toContain('销号');
      const body = (await get('/api/v1/risks/2?plan=tiny')).json();
      expect(body.actions).toEqual(['confirm', 'reject', 'comment']);
      expect(body.events.map((e: { kind: string }) => e.kind)).toEqual([
        'detected',
        'acknowledge',
        'resolve',
      ]);
      expect(body.events[2]).toMatchObject({ measure: 'local_substitute', note: '省内企业已可替代' });
      expect(body.findings).toMatchObject({ kind: 'firm_input', total: 5, largest_share: 1 });
    });

    it('refuses bad input with a clear error and changes nothing', async () => {
      const before = (await get('/api/v1/risks/1?plan=tiny')).json();
      for (const payload of [
        { action: 'delete' },
        { action: 'comment', note: 'x'.repeat(2001) },
        { action: 'comment', note: '好的', extra: 1 },
        { action: 'comment', note: 'ok', measure: 'teleport' },
        { action: 'comment', note: ' ' },
        { action: 'acknowledge', measure: 'other' },
      ]) {
        const response = await act('province_admin', 1, payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(response.json().error.message_zh).toBeTruthy();
        expect(response.json().error.message_en).toBeTruthy();
      }
      const after = (await get('/api/v1/risks/1?plan=tiny')).json();
      expect(after.events).toEqual(before.events);
      for (const url of [
        '/api/v1/risks?plan=tiny&status=lost',
        '/api/v1/risks?plan=tiny&page_size=500',
        '/api/v1/risks?plan=tiny&region=33',
        '/api/v1/risks?plan=tiny&overdue=yes',
        '/api/v1/risks?plan=tiny&firm=-1',
        '/api/v1/risks/abc?plan=tiny',
        '/api/v1/risks.xlsx?plan=tiny&level=town',
      ]) {
        expect((await get(url)).statusCode, url).toBe(400);
      }
      expect((await get('/api/v1/risks/999?plan=tiny')).statusCode).toBe(404);
    });

    it('keeps an office’s internal note from the firm, and refuses one from the firm', async () => {
      // Case 3 is firm 2's (鄞州区): the province reads it, and so does the firm's user.
      const secret = '企业数据存疑，先不告知企业';
      expect((await act('firm', 3, { action: 'comment', note: '已提交清单' })).statusCode).toBe(200);
      const written = await act('province_admin', 3, { action: 'comment', note: secret, internal: true });
      expect(written.statusCode).toBe(200);
      expect(written.json().internal_notes).toBe(true);
      expect(written.json().events.at(-1)).toMatchObject({ kind: 'comment', note: secret, internal: true });
      const asFirm = (url: string) => ctx.fx.as(ctx.fx.callers.firm, { url });
      const firmView = await asFirm('/api/v1/risks/3?plan=tiny');
      expect(firmView.statusCode).toBe(200);
      expect(firmView.json().internal_notes).toBe(false);
      expect(firmView.json().events.map((e: { kind: string }) => e.kind)).toEqual(['detected', 'comment']);
      expect(firmView.json().events.every((e: { internal: boolean }) => !e.internal)).toBe(true);
      expect(firmView.body).not.toContain(secret);
      const officeView = (await get('/api/v1/risks/3?plan=tiny')).json();
      expect(officeView.events.map((e: { internal: boolean }) => e.internal)).toEqual([false, false, true]);
      // The firm cannot write one: a 403 saying why, in both languages, and nothing written.
      const refused = await act('firm', 3, { action: 'comment', note: '内部看法', internal: true });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message_zh).toContain('内部备注');
      expect(refused.json().error.message_en).toContain('internal notes');
      for (const payload of [
        { action: 'comment', note: '好的', internal: 'yes' },
        { action: 'acknowledge', internal: true },
      ]) {
        const bad = await act('province_admin', 3, payload);
        expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
        expect(bad.json().error.message_zh).toBeTruthy();
        expect(bad.json().error.message_en).toBeTruthy();
      }
      expect((await get('/api/v1/risks/3?plan=tiny')).json().events).toHaveLength(3);
      // The spreadsheet's last step: the office's internal note for the office, the firm's own for the firm.
      const sheet = await readSheet((await asFirm('/api/v1/risks.xlsx?plan=tiny')).rawPayload, 0);
      expect(JSON.stringify(sheet)).not.toContain(secret);
      expect(JSON.stringify(sheet)).toContain('已提交清单');
      const officeSheet = await readSheet((await get('/api/v1/risks.xlsx?plan=tiny&firm=2')).rawPayload, 0);
      expect(JSON.stringify(officeSheet)).toContain(`（内部备注，勿转企业）：${secret}`);
      // The API's description says so too.
      const spec = (await ctx.fx.app.inject({ url: '/api/docs/json' })).json();
      const body = spec.paths['/api/v1/risks/{caseId}/actions'].post.requestBody.content['application/json'];
      expect(body.schema.properties.internal).toMatchObject({ type: 'boolean', default: false });
    });

    it('filters the list, and the spreadsheet says why each case is on it', async () => {
      const list = (await get('/api/v1/risks?plan=tiny&region=330200&kind=firm_input')).json();
      expect(list.items.map((c: { id: number }) => c.id).sort()).toEqual([2, 3]);
      expect((await get('/api/v1/risks?plan=tiny&q=beta.b1')).json().total).toBe(1);
      const file = await get('/api/v1/risks.xlsx?plan=tiny&kind=node_import');
      expect(file.statusCode).toBe(200);
      const rows = await readSheet(file.rawPayload, 0);
      expect(rows[0]?.slice(0, 3)).toEqual(['编号', '类型', '企业']);
      expect(rows[1]?.[0]).toBe(4);
      expect(String(rows[1]?.[14])).toBe('近 3 年触发年数 2 >= 2');
      const english = await readSheet(
        (await get('/api/v1/risks.xlsx?plan=tiny&lang=en&firm=1')).rawPayload,
        0,
      );
      expect(english[1]?.slice(0, 3)).toEqual([1, 'Critical input of a firm', '甲一公司']);
      expect(String(english[1]?.[14])).toBe(
        'largest supplier share 100.0% >= 80.0%; qualified backups 0 >= 1',
      );
    });
  });
}
