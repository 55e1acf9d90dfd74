import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEdgesFast } from './edges-fast.js';
import { readEdges, readEdgesGeneral, readFirms } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'cb-edges-fast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, content);
  return path;
}

const firms = readFirms(
  file('id,industry\nf1,a\nf2,a\n杭州甲公司,b\nÉcole,b\n"q x",c\nf6,c\n東京\u3000,c\n'),
);

/** What the general reader gives, or its error message. */
function general(path: string): unknown {
  try {
    return readEdgesGeneral(path, firms);
  } catch (err) {
    return (err as Error).message;
  }
}

describe('edges.csv read from its bytes (edges-fast.ts)', () => {
  // Files the fast reader must take, each with what the general reader makes of it.
  const plain: Array<[string, string | Buffer]> = [
    ['LF line ends', 'supplier,buyer,value\nf1,f2,10\nf2,f6,3\n'],
    ['CRLF line ends, no last line end', 'supplier,buyer,value\r\nf1,f2,10\r\nf2,f6,3'],
    [
      'a BOM and blank lines',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('\n \nsupplier,buyer,value\n\nf1,f2,1\n\t\n'),
      ]),
    ],
    [
      'columns in another order, extra columns, a short row',
      'note,value,buyer,supplier\nx,5,f2,f1\n,7,f1,f6\ny,8,f6,f2\n',
    ],
    ['fewer fields than the header but all three read', 'supplier,buyer,value,note\nf1,f2,5\n'],
    ['blanks around fields', 'supplier , buyer,value\n  f1\t, f2 ,  12 \n'],
    ['non-ASCII ids', 'supplier,buyer,value\n杭州甲公司,École,4\nÉcole,f1,2\n'],
    [
      'decimals, exponents, signs, leading zeros, long digit strings',
      'supplier,buyer,value\nf1,f2,1.5\nf2,f1,2e3\nf1,f6,+7\nf6,f1,007\nf2,f6,.25\nf6,f2,1234567890123456789\nf1,f2,-0\nf2,f1,0.1e-2\n',
    ],
    ['a zero-value self-loop (dropped)', 'supplier,buyer,value\nf1,f1,0\nf1,f2,3\n'],
    ['repeated pairs (kept, summed later)', 'supplier,buyer,value\nf1,f2,1\nf1,f2,2\n'],
  ];

  it.each(plain)('gives what the general reader gives: %s', (_name, content) => {
    const path = file(content);
    const fast = readEdgesFast(path, firms);
    expect(fast, 'taken by the fast reader').toBeDefined();
    expect(fast).toEqual(general(path));
    expect(readEdges(path, firms)).toEqual(fast);
  });

  // Files it must leave to the general reader: errors (reported there with line and column) and forms
  // it does not read.
  const others: Array<[string, string | Buffer, RegExp | undefined]> = [
    ['a quoted id', 'supplier,buyer,value\n"q x",f1,2\n', undefined],
    ['a quote anywhere', 'supplier,buyer,value\nf1,f2,3\n"f2",f1,1\n', undefined],
    ['an unknown firm', 'supplier,buyer,value\nf1,zz,3\n', /:2:4: unknown firm "zz"/],
    ['a negative value', 'supplier,buyer,value\nf1,f2,-3\n', /:2:7: negative value -3/],
    ['a self-loop', 'supplier,buyer,value\nf1,f1,3\n', /self-loop/],
    ['a value that is not a number', 'supplier,buyer,value\nf1,f2,12abc\n', /"12abc" is not a number/],
    ['an empty value', 'supplier,buyer,value\nf1,f2,\n', /is not a number/],
    ['a value out of range', 'supplier,buyer,value\nf1,f2,1e400\n', /out of range/],
    ['too many fields', 'supplier,buyer,value\nf1,f2,3,4\n', /4 fields, but the header has 3/],
    ['a missing field', 'supplier,buyer,value\nf1,f2\n', /missing field "value"/],
    ['a missing column', 'supplier,buyer,amount\nf1,f2,3\n', /missing column "value"/],
    ['a column twice', 'supplier,buyer,value,value\nf1,f2,3,4\n', /twice/],
    ['a lone CR', 'supplier,buyer,value\nf1,f2,3\rf2,f1,4\n', /CR only/],
    [
      'bytes that are not UTF-8',
      Buffer.from('supplier,buyer,value\nf1,f2,3\n\xff,f1,1\n', 'latin1'),
      /not valid UTF-8/,
    ],
    ['an empty file', '', /empty file/],
    ['only a header', 'supplier,buyer,value\n', undefined],
    // An ideographic space ends 東京\u3000: unquoted, the general reader trims it, so the id is 東京,
    // which is not a firm (the firm is "東京\u3000" with the space, read unquoted and so trimmed too).
    ['a field that ends in a non-ASCII blank', 'supplier,buyer,value\n東京\u3000,f1,2\n', undefined],
    ['a field that starts with a no-break space', 'supplier,buyer,value\n\u00a0f1,f2,2\n', undefined],
    ['a non-ASCII header', 'supplier,buyer,value,备注\nf1,f2,2,x\n', undefined],
  ];

  it.each(others)('leaves to the general reader: %s', (_name, content, error) => {
    const path = file(content);
    // 'only a header' is plain but has no records: the fast reader may take it or not, as long as the
    // result is the general reader's.
    const fast = readEdgesFast(path, firms);
    if (_name === 'only a header') {
      expect(fast ?? general(path)).toEqual(general(path));
      return;
    }
    if (_name === 'a non-ASCII header') {
      expect(fast).toBeUndefined();
      expect(readEdges(path, firms)).toEqual(general(path));
      return;
    }
    expect(fast).toBeUndefined();
    const expected = general(path);
    if (error) expect(expected).toMatch(error);
    if (typeof expected === 'string') expect(() => readEdges(path, firms)).toThrow(expected);
    else expect(readEdges(path, firms)).toEqual(expected);
  });

  it('leaves a file larger than its limit to the general reader', () => {
    const path = file('supplier,buyer,value\nf1,f2,10\n');
    expect(readEdgesFast(path, firms)).toBeDefined();
    expect(readEdgesFast(path, firms, 20)).toBeUndefined();
  });

  it('leaves a file it cannot read to the general reader', () => {
    expect(readEdgesFast(join(dir, 'missing.csv'), firms)).toBeUndefined();
    expect(() => readEdges(join(dir, 'missing.csv'), firms)).toThrow(/missing\.csv/);
  });

  it('reads a larger plain file as the general reader does (ids of every length, many collisions)', () => {
    const ids = Array.from({ length: 3000 }, (_, k) => (k % 7 === 0 ? `企业${k}` : `f${k}`));
    const many = readFirms(file(`id,industry\n${ids.map((id) => `${id},i${id.length}`).join('\n')}\n`));
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const rows = Array.from({ length: 20_000 }, () => {
      const s = ids[next() % ids.length]!;
      let b = ids[next() % ids.length]!;
      if (b === s) b = ids[(ids.indexOf(s) + 1) % ids.length]!;
      return `${s},${b},${next() % 1_000_000}`;
    });
    const path = file(`supplier,buyer,value\n${rows.join('\n')}\n`);
    const fast = readEdgesFast(path, many);
    expect(fast?.supplier.length).toBe(20_000);
    expect(fast).toEqual(readEdgesGeneral(path, many));
  });
});
