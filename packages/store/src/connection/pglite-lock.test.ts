import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { acquireFolderLock, DataFolderLockedError, LOCK_FILE_NAME } from './pglite-lock.js';

const lockModule = new URL('./pglite-lock.ts', import.meta.url).pathname;

/** Starts another process that takes the lock and waits; resolves once it holds it. */
function holdLockInChild(dataDir: string): Promise<ChildProcess> {
  const script = `import { acquireFolderLock } from ${JSON.stringify(lockModule)};
    acquireFolderLock(${JSON.stringify(dataDir)}); console.log('held'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('held')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited early with ${code}`)));
  });
}

describe('PGlite data folder lock', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second owner while the first process lives, naming the holder', async () => {
    const dir = newDir();
    const child = await holdLockInChild(dir);
    children.push(child);
    let error: unknown;
    try {
      acquireFolderLock(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataFolderLockedError);
    expect((error as DataFolderLockedError).holder.pid).toBe(child.pid);
    expect(String(error)).toContain(`process ${child.pid}`);
  });

  it('takes over a stale lock left by a killed process, with a warning', async () => {
    const dir = newDir();
    const child = await holdLockInChild(dir);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(true);
    const warnings: string[] = [];
    const lock = acquireFolderLock(dir, (message) => warnings.push(message));
    expect(warnings.join()).toContain(`stale lock`);
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('keeps one writer per folder within a process too, and releases on close', async () => {
    const dir = newDir();
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataFolderLockedError);
    await first.query("insert into meta (key, value) values ('k', '1'::jsonb)");
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    const rows = await second.query<{ value: number }>("select value from meta where key = 'k'");
    expect(rows[0]?.value).toBe(1);
    await second.close();
  });
});
