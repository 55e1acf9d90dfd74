// Writes a generated network in the `chainbrain esri` file formats.
// Usage: tsx bench/src/write-network.ts --firms 100000 --links 1000000 --industries 200 --out /tmp/net100k
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateNetwork } from './generate.js';

const { values } = parseArgs({
  options: {
    firms: { type: 'string', default: '100000' },
    links: { type: 'string', default: '1000000' },
    industries: { type: 'string', default: '200' },
    seed: { type: 'string', default: '20240601' },
    out: { type: 'string', default: '/tmp/chainbrain-bench-100k' },
  },
});
const g = generateNetwork({
  firms: Number(values.firms),
  links: Number(values.links),
  industries: Number(values.industries),
  seed: Number(values.seed),
});
const dir = values.out!;
mkdirSync(dir, { recursive: true });

function writeLines(path: string, header: string, count: number, line: (k: number) => string) {
  const fd = openSync(path, 'w');
  let buf = `${header}\n`;
  for (let k = 0; k < count; k++) {
    buf += `${line(k)}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

writeLines(join(dir, 'firms.csv'), 'id,industry,market,revenue', g.firms, (i) => {
  const ind = `i${g.industry[i]}`;
  return `f${i},${ind},${ind},${g.revenue[i]}`;
});
writeLines(
  join(dir, 'edges.csv'),
  'supplier,buyer,value',
  g.supplier.length,
  (e) => `f${g.supplier[e]},f${g.buyer[e]},${g.value[e]}`,
);
const k = g.industries;
writeLines(join(dir, 'essentiality.csv'), 'supplier_industry,buyer_industry,rating', k * k, (t) => {
  return `i${Math.floor(t / k)},i${t % k},${g.essentiality[t]}`;
});
let twos = 0;
let ones = 0;
for (const r of g.essentiality) {
  if (r === 2) twos++;
  else if (r === 1) ones++;
}
console.log(
  `wrote ${dir}: ${g.firms} firms, ${g.supplier.length} links, ${k} industries; ratings ${((100 * twos) / (k * k)).toFixed(1)}% 2s, ${((100 * ones) / (k * k)).toFixed(1)}% 1s`,
);
