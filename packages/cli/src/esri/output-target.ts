// Where --out really goes: the file at the end of any symlinks, or a pipe or device to write straight to.
import { lstat, readlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * - `file`: a regular file, written beside and renamed onto (mode: its permission bits, kept);
 * - `new`: nothing there yet, written beside and renamed onto;
 * - `through`: a FIFO, a character device (/dev/null), a socket or a descriptor under /proc (/dev/stdout):
 *   a rename would put a regular file in its place, so it is opened and written as it is.
 */
export type OutputTarget =
  | { kind: 'file'; path: string; mode: number }
  | { kind: 'new'; path: string }
  | { kind: 'through'; path: string };

/** As many links as Linux follows before ELOOP. */
const MAX_LINKS = 40;

export class OutputTargetError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/**
 * Follows path's symlinks one at a time, so that a link to a file not yet made (a dangling link) gives
 * the path to make, and a link into /proc (such as /dev/stdout) is left to the kernel, whose links there
 * name descriptors rather than paths.
 */
export async function resolveOutputTarget(path: string): Promise<OutputTarget> {
  let p = resolve(path);
  for (let links = 0; ; links++) {
    if (p.startsWith('/proc/')) return { kind: 'through', path };
    const st = await lstat(p).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw new OutputTargetError(err.code ?? 'error');
    });
    if (st === undefined) return { kind: 'new', path: p };
    if (st.isSymbolicLink()) {
      if (links >= MAX_LINKS) throw new OutputTargetError('ELOOP');
      p = resolve(dirname(p), await readlink(p));
      continue;
    }
    if (st.isDirectory()) throw new OutputTargetError('EISDIR');
    if (st.isFile()) return { kind: 'file', path: p, mode: st.mode & 0o7777 };
    return { kind: 'through', path: p };
  }
}
