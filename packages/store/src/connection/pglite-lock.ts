import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * PGlite has no lock of its own: two processes opening one data folder each believe they own it and lose
 * each other's writes. We keep a lock file beside the data with the holder's pid, host and start time.
 * A lock whose process is gone (killed, crashed) is stale and taken over with a warning.
 */
export const LOCK_FILE_NAME = 'chainbrain.lock';

export type LockHolder = { pid: number; host: string; startedAt: string; command: string };

export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `data folder ${dataDir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.startedAt}, ` +
        `"${holder.command}"); stop it first or use another CHAINBRAIN_DATA / ` +
        `数据目录 ${dataDir} 正被进程 ${holder.pid}（${holder.host}）占用，请先停止该进程或改用其他目录`,
    );
    this.name = 'DataFolderLockedError';
  }
}

export type FolderLock = { path: string; release(): void };

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/** Takes the single-owner lock of a PGlite data folder, or throws DataFolderLockedError. */
export function acquireFolderLock(
  dataDir: string,
  warn: (message: string) => void = console.warn,
): FolderLock {
  const path = join(dataDir, LOCK_FILE_NAME);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1).join(' ').slice(0, 200),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          const holder = readHolder(path);
          if (holder?.pid === me.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    // A lock from another host cannot be checked for liveness: treat it as held.
    if (holder && (holder.host !== me.host || isProcessAlive(holder.pid))) {
      throw new DataFolderLockedError(dataDir, holder);
    }
    warn(
      `taking over a stale lock on ${dataDir} left by process ${holder?.pid ?? 'unknown'} ` +
        `(${holder?.startedAt ?? 'unreadable lock file'}) / 接管已失效的数据目录锁`,
    );
    rmSync(path, { force: true });
  }
  throw new Error(`could not take the lock on ${dataDir}`);
}
