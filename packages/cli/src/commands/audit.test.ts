import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { appendAudit, openDatabase } from '@chainbrain/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/chainbrain.js');

/** Runs `chainbrain audit verify` on a data folder; resolves with the exit code and output. */
async function verify(dataDir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, 'audit', 'verify', '--data', dataDir], {
      env: { ...process.env, DATABASE_URL: '' },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('chainbrain audit verify', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cb-audit-'));
    const database = await openDatabase({ dataDir });
    for (let i = 1; i <= 4; i++) {
      await database.transaction(({ query }) =>
        appendAudit(query, { actorUserId: null, actorName: 'test', action: `a${i}` }),
      );
    }
    await database.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 0 on an intact chain', async () => {
    const result = await verify(dataDir);
    expect(result.code).toBe(0);
    expect(result.output).toContain('4 entries');
  });

  it('exits non-zero naming the first bad entry after tampering', async () => {
    const database = await openDatabase({ dataDir });
    await database.query('alter table audit_log disable trigger audit_log_no_change');
    await database.query("update audit_log set action = 'forged' where id = 2");
    await database.close();
    const result = await verify(dataDir);
    expect(result.code).toBe(2);
    expect(result.output).toContain('entry 2');
  });

  it('refuses a folder without a database instead of creating one and calling it intact', async () => {
    const missing = join(tmpdir(), `cb-audit-missing-${process.pid}`);
    const result = await verify(missing);
    expect(result.code).toBe(1);
    expect(result.output).toContain('no ChainBrain database');
    expect(existsSync(missing)).toBe(false);
  });

  it('reports a log removed whole (entries and head) while accounts exist', async () => {
    const removed = mkdtempSync(join(tmpdir(), 'cb-audit-removed-'));
    try {
      const database = await openDatabase({ dataDir: removed });
      await database.query(
        "insert into users (username, display_name, password_hash) values ('someone', 'S', 'x')",
      );
      await database.close();
      const result = await verify(removed);
      expect(result.code).toBe(2);
      expect(result.output).toContain('audit head is missing though 1 account exists');
    } finally {
      rmSync(removed, { recursive: true, force: true });
    }
  });
});
