// Writes the `chainbrain esri` result JSON (full double precision) in chunks, to --out or stdout.
import { once } from 'node:events';
import { createWriteStream, unlinkSync, type WriteStream } from 'node:fs';
import { chmod, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { FirmEsriResult, ScenarioResult } from '@chainbrain/engine';
import { type OutputTarget, OutputTargetError, resolveOutputTarget } from './output-target.js';

const FLUSH = 1 << 20;

class ChunkWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly stream: Writable) {}
  async write(s: string): Promise<void> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= FLUSH) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    // once() rejects when the stream fails instead, so a full disk cannot leave the writer waiting.
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
}

const num = (x: number) => JSON.stringify(x);

async function writeVector(w: ChunkWriter, ids: string[], h: Float64Array): Promise<void> {
  await w.write('{');
  for (let i = 0; i < ids.length; i++) {
    await w.write(`${i ? ', ' : ''}${JSON.stringify(ids[i])}: ${num(h[i]!)}`);
  }
  await w.write('}');
}

export type EsriOutput = {
  ids: string[];
  scenarios: Array<{ name: string; result: ScenarioResult }>;
  perFirm?: FirmEsriResult;
};

/** `{"scenarios": [...], "per_firm": {...}}`; per_firm only when computed. */
export async function writeEsriOutput(out: EsriOutput, stream: Writable): Promise<void> {
  const w = new ChunkWriter(stream);
  await w.write('{"scenarios": [');
  for (const [s, { name, result: r }] of out.scenarios.entries()) {
    await w.write(`${s ? ',' : ''}\n  {"name": ${JSON.stringify(name)}, "esri": ${num(r.esri)}, `);
    // "capped" only when the step cap, not eps, ended the run: other runs' JSON is as the contract shows.
    await w.write(
      `"esri_down": ${num(r.esriDown)}, "esri_up": ${num(r.esriUp)}, "iterations": ${r.iterations},${r.capped ? ' "capped": true,' : ''}\n`,
    );
    await w.write('   "h_down": ');
    await writeVector(w, out.ids, r.hd);
    await w.write(',\n   "h_up": ');
    await writeVector(w, out.ids, r.hu);
    await w.write('}');
  }
  await w.write(out.scenarios.length ? '\n]' : ']');
  if (out.perFirm) {
    const p = out.perFirm;
    await w.write(',\n"per_firm": {');
    for (let t = 0; t < p.firms.length; t++) {
      const id = out.ids[p.firms[t]!]!;
      await w.write(
        `${t ? ',' : ''}\n  ${JSON.stringify(id)}: {"esri": ${num(p.esri[t]!)}, "esri_down": ${num(p.esriDown[t]!)}, "esri_up": ${num(p.esriUp[t]!)}${p.capped[t] ? ', "capped": true' : ''}}`,
      );
    }
    await w.write('\n}');
  }
  await w.write('}\n');
  await w.flush();
}

/** Where --out is written: beside the target and renamed onto it, or straight to a pipe or device. */
export type OutputFile = {
  stream: WriteStream;
  /** Closes the file, reporting any write error, and (for a file) renames it onto the target. */
  commit: () => Promise<void>;
  /** Removes the partial file unless it was committed. */
  discard: () => Promise<void>;
  /** As discard, at once: for a signal's handler or an exit, which cannot wait. */
  discardNow: () => void;
};

type Cannot = (code: string) => Error;

const code = (err: unknown) =>
  err instanceof OutputTargetError ? err.code : ((err as NodeJS.ErrnoException).code ?? 'error');

/**
 * Opens --out for writing, before anything is computed, so that an unwritable path fails at once. A
 * file (or a new path) is written beside the target and renamed onto it only when complete, so that an
 * error (bad input found late, a full disk) leaves an earlier result whole; a symlink is followed and
 * its target written so, and the target keeps its permission bits. A FIFO or a device (/dev/null,
 * /dev/stdout) is written straight to: a rename would put a regular file in its place.
 */
export async function openOutput(path: string): Promise<OutputFile> {
  const cannot: Cannot = (c) =>
    new Error(`cannot write --out ${path} (${c}) / 无法写入 --out ${path}（${c}）`);
  let target: OutputTarget;
  try {
    target = await resolveOutputTarget(path);
  } catch (err) {
    throw cannot(code(err));
  }
  return target.kind === 'through' ? openThrough(target.path, cannot) : openBeside(target, cannot);
}

async function opened(stream: WriteStream, cannot: Cannot): Promise<void> {
  try {
    await once(stream, 'open');
  } catch (err) {
    throw cannot(code(err));
  }
}

/** Ends the stream and waits until everything written has reached the file. */
async function ended(stream: WriteStream, cannot: Cannot): Promise<void> {
  stream.end();
  try {
    await finished(stream);
  } catch (err) {
    throw cannot(code(err));
  }
}

async function openThrough(path: string, cannot: Cannot): Promise<OutputFile> {
  const stream = createWriteStream(path, { flags: 'w' });
  await opened(stream, cannot);
  return {
    stream,
    commit: () => ended(stream, cannot),
    discard: async () => {
      stream.destroy();
    },
    discardNow: () => stream.destroy(),
  };
}

async function openBeside(target: { path: string; mode?: number }, cannot: Cannot): Promise<OutputFile> {
  const temp = join(dirname(target.path), `.${basename(target.path)}.${process.pid}.partial`);
  const stream = createWriteStream(temp, { flags: 'wx' });
  await opened(stream, cannot);
  let committed = false;
  return {
    stream,
    commit: async () => {
      await ended(stream, cannot);
      try {
        if (target.mode !== undefined) await chmod(temp, target.mode);
        await rename(temp, target.path);
      } catch (err) {
        throw cannot(code(err));
      }
      committed = true;
    },
    discard: async () => {
      if (committed) return;
      stream.destroy();
      await unlink(temp).catch(() => {});
    },
    discardNow: () => {
      if (committed) return;
      stream.destroy();
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
    },
  };
}
