// Writes the `chainbrain esri` result JSON (full double precision) in chunks, to a file or stdout.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { FirmEsriResult, ScenarioResult } from '@chainbrain/engine';

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
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
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
export async function writeEsriOutput(out: EsriOutput, path: string | undefined): Promise<void> {
  const stream: Writable = path ? createWriteStream(path) : process.stdout;
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
  if (path) {
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(resolve);
    });
  }
}
