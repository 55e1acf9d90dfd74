import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildNetwork, firmEsri, runScenarios } from '@chainbrain/engine';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { loadFixture } from '../../../engine/src/testing/fixtures.js';
import { findInvalidUtf8, InputError, parseCsv } from './csv.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/chainbrain.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../engine/test-fixtures/', import.meta.url));

type Expected = {
  scenarios: Array<{
    name: string;
    esri: number;
    esri_down: number;
    esri_up: number;
    h_down: Record<string, number>;
    h_up: Record<string, number>;
  }>;
  per_firm?: Record<string, { esri: number; esri_down: number; esri_up: number }>;
};

async function chainbrain(args: string[]) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { cwd: tmpdir(), maxBuffer: 1 << 28 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function expectClose(actual: Expected, expected: Expected) {
  expect(actual.scenarios.map((s) => s.name)).toEqual(expected.scenarios.map((s) => s.name));
  for (const [k, exp] of expected.scenarios.entries()) {
    const got = actual.scenarios[k]!;
    for (const key of ['esri', 'esri_down', 'esri_up'] as const) {
      expect(Math.abs(got[key] - exp[key]), `${exp.name} ${key}`).toBeLessThan(1e-9);
    }
    for (const key of ['h_down', 'h_up'] as const) {
      expect(Object.keys(got[key])).toEqual(Object.keys(exp[key]));
      for (const [id, v] of Object.entries(exp[key]))
        expect(Math.abs(got[key][id]! - v), `${exp.name} ${key} ${id}`).toBeLessThan(1e-9);
    }
  }
  if (expected.per_firm) {
    expect(Object.keys(actual.per_firm!)).toEqual(Object.keys(expected.per_firm));
    for (const [id, exp] of Object.entries(expected.per_firm)) {
      const got = actual.per_firm![id]!;
      expect(Math.abs(got.esri - exp.esri), id).toBeLessThan(1e-9);
      expect(Math.abs(got.esri_down - exp.esri_down), id).toBeLessThan(1e-9);
      expect(Math.abs(got.esri_up - exp.esri_up), id).toBeLessThan(1e-9);
    }
  } else {
    expect(actual.per_firm).toBeUndefined();
  }
}

function caseArgs(name: string, dir: string): string[] {
  const c = JSON.parse(readFileSync(join(FIXTURES, name, 'case.json'), 'utf8'));
  const scenarios = join(dir, `${name}-scenarios.json`);
  writeFileSync(scenarios, JSON.stringify(c.shocks));
  const args = [
    'esri',
    '--edges',
    join(FIXTURES, name, 'edges.csv'),
    '--firms',
    join(FIXTURES, name, 'firms.csv'),
  ];
  args.push(
    '--production',
    c.production,
    '--eps',
    String(c.eps),
    '--weights',
    c.weights,
    '--scenarios',
    scenarios,
  );
  if (c.production === 'table') args.push('--essentiality', join(FIXTURES, name, 'essentiality.csv'));
  if (c.substitution) args.push('--substitution');
  if (c.all_firms) args.push('--all-firms');
  return args;
}

describe('chainbrain esri (real command)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cb-esri-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reproduces fixture case-01 (all firms and scenarios) with 2 threads, to a file', async () => {
    const out = join(dir, 'case-01.json');
    const r = await chainbrain([...caseArgs('case-01', dir), '--threads', '2', '--out', out]);
    expect(r.stderr).toMatch(/30 firms/);
    expect(r.code).toBe(0);
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'case-01', 'expected.json'), 'utf8'));
    const actual = JSON.parse(readFileSync(out, 'utf8'));
    expectClose(actual, expected);
    expect(actual.scenarios[0].iterations).toBeGreaterThan(1);
  });

  it('reproduces fixture case-04 (rated table, substitution) on stdout with 1 thread', async () => {
    const r = await chainbrain([...caseArgs('case-04', dir), '--threads', '1']);
    expect(r.code).toBe(0);
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'case-04', 'expected.json'), 'utf8'));
    expectClose(JSON.parse(r.stdout), expected);
  });

  it('gives the same per-firm values with --method cascade as with the default walk sums', async () => {
    const net = join(dir, 'scale');
    const gen = await chainbrain(['demo', '--scale', '--firms', '400', '--links', '3000', '--out', net]);
    expect(gen.code).toBe(0);
    const base = [
      'esri',
      '--edges',
      join(net, 'edges.csv'),
      '--firms',
      join(net, 'firms.csv'),
      '--essentiality',
      join(net, 'essentiality.csv'),
      '--production',
      'table',
      '--substitution',
      '--all-firms',
      '--threads',
      '2',
    ];
    const auto = await chainbrain([...base, '--out', join(dir, 'auto.json')]);
    const cascade = await chainbrain([...base, '--method', 'cascade', '--out', join(dir, 'cascade.json')]);
    expect(auto.code).toBe(0);
    expect(cascade.code).toBe(0);
    const a = JSON.parse(readFileSync(join(dir, 'auto.json'), 'utf8')).per_firm;
    const c = JSON.parse(readFileSync(join(dir, 'cascade.json'), 'utf8')).per_firm;
    expect(Object.keys(a)).toHaveLength(400);
    for (const [id, v] of Object.entries<{ esri: number; esri_down: number; esri_up: number }>(c)) {
      expect(Math.abs(a[id].esri - v.esri), id).toBeLessThan(1e-10);
      expect(Math.abs(a[id].esri_down - v.esri_down), id).toBeLessThan(1e-10);
      expect(Math.abs(a[id].esri_up - v.esri_up), id).toBeLessThan(1e-10);
    }
    const bad = await chainbrain([...base, '--method', 'fast']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--method/);
  });

  it('marks the runs that --max-steps ended with "capped" and leaves the others as the contract shows', async () => {
    const fx = loadFixture('case-01');
    const net = buildNetwork(fx.input);
    const engine = runScenarios(net, fx.scenarios, { eps: 1e-9, maxSteps: 3 });
    const out = join(dir, 'case-01-capped.json');
    const r = await chainbrain([
      ...caseArgs('case-01', dir),
      '--max-steps',
      '3',
      '--threads',
      '2',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/stopped at the step cap \(3 steps\), not at eps/);
    const actual = JSON.parse(readFileSync(out, 'utf8'));
    for (const [k, s] of engine.entries()) {
      const got = actual.scenarios[k];
      expect(got.iterations).toBe(s.iterations);
      expect(got.capped).toBe(s.capped ? true : undefined);
      expect(Math.abs(got.esri - s.esri)).toBeLessThan(1e-12);
    }
    expect(engine.some((s) => s.capped)).toBe(true);
    const perFirm = firmEsri(net, { eps: 1e-9, maxSteps: 3 });
    expect(perFirm.capped.some((c) => c === 1)).toBe(true);
    for (const [t, id] of fx.ids.entries())
      expect(actual.per_firm[id].capped, id).toBe(perFirm.capped[t] ? true : undefined);
    // Without the cap, no run of this case is capped and no entry carries the key.
    const plain = await chainbrain([...caseArgs('case-01', dir), '--threads', '1']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toMatch(/capped/);
    const zero = await chainbrain([...caseArgs('case-01', dir), '--max-steps', '0']);
    expect(zero.code).not.toBe(0);
    expect(zero.stderr).toMatch(/--max-steps/);
  });

  it('uses revenue as weights and as the upstream denominator when asked', async () => {
    const fx = loadFixture('case-01');
    const net = buildNetwork({ ...fx.input, upstreamBy: 'revenue' });
    const engine = runScenarios(net, fx.scenarios, { eps: 1e-9, weights: fx.revenue });
    const out = join(dir, 'case-01-revenue.json');
    const args = caseArgs('case-01', dir).filter((a) => a !== '--all-firms');
    args[args.indexOf('--weights') + 1] = 'revenue';
    const r = await chainbrain([...args, '--upstream-by', 'revenue', '--threads', '2', '--out', out]);
    expect(r.code).toBe(0);
    const actual = JSON.parse(readFileSync(out, 'utf8'));
    expect(actual.per_firm).toBeUndefined();
    for (const [k, s] of engine.entries()) {
      expect(Math.abs(actual.scenarios[k].esri - s.esri)).toBeLessThan(1e-12);
      expect(Math.abs(actual.scenarios[k].esri_up - s.esriUp)).toBeLessThan(1e-12);
      expect(actual.scenarios[k].iterations).toBe(s.iterations);
    }
    // revenue changes the answer (the check has teeth)
    const plain = runScenarios(fx.build(), fx.scenarios, { eps: 1e-9 });
    expect(Math.abs(plain[1]!.esriUp - engine[1]!.esriUp)).toBeGreaterThan(1e-6);
  });

  const firms = 'id,industry,revenue\na,i1,10\nb,i2,20\nc,i2,5\n';
  const bad: Array<[string, Record<string, string | Buffer>, string[], RegExp]> = [
    [
      'unknown firm',
      { 'edges.csv': 'supplier,buyer,value\na,b,1\na,zz,2\n' },
      [],
      /edges\.csv:3:3: unknown firm "zz"/,
    ],
    [
      'negative value',
      { 'edges.csv': 'supplier,buyer,value\na,b,-4\n' },
      [],
      /edges\.csv:2:5: negative value -4/,
    ],
    [
      'non-numeric value',
      { 'edges.csv': 'supplier,buyer,value\na,b,x\n' },
      [],
      /edges\.csv:2:5: value "x" is not a number/,
    ],
    ['self-loop', { 'edges.csv': 'supplier,buyer,value\nb,b,1\n' }, [], /edges\.csv:2:3: self-loop/],
    [
      'missing column',
      { 'edges.csv': 'supplier,buyer\na,b\n' },
      [],
      /edges\.csv:1:1: missing column "value"/,
    ],
    [
      'rating outside 0–2',
      {
        'edges.csv': 'supplier,buyer,value\na,b,1\n',
        'ess.csv': 'supplier_industry,buyer_industry,rating\ni1,i2,3\n',
      },
      ['--production', 'table', '--essentiality', 'ess.csv'],
      /ess\.csv:2:7: rating "3" must be 0, 1 or 2/,
    ],
    [
      'non-UTF-8',
      {
        'edges.csv': Buffer.concat([
          Buffer.from('supplier,buyer,value\na,b,1\na,b,'),
          Buffer.from([0xb9, 0xfa]),
          Buffer.from('\n'),
        ]),
      },
      [],
      /edges\.csv:3:5: not valid UTF-8/,
    ],
    [
      'bad revenue',
      { 'firms.csv': 'id,industry,revenue\na,i1,0\nb,i1,1\n', 'edges.csv': 'supplier,buyer,value\na,b,1\n' },
      [],
      /firms\.csv:2:6: revenue 0 must be > 0/,
    ],
    [
      'sales that overflow',
      { 'edges.csv': 'supplier,buyer,value\nb,a,1e308\nb,c,1e308\n' },
      [],
      /firms\.csv:3:1: firm 1: its purchases or sales add up to more than a float can hold/,
    ],
    [
      'revenue so small that sales over it overflow',
      {
        'firms.csv': 'id,industry,revenue\na,i1,1e-310\nb,i1,1\n',
        'edges.csv': 'supplier,buyer,value\na,b,1\n',
      },
      ['--upstream-by', 'revenue'],
      /firms\.csv:2:6: firm 0 has revenue 1e-310; its sales over it overflow/,
    ],
    [
      'unknown firm in a scenario',
      {
        'edges.csv': 'supplier,buyer,value\na,b,1\n',
        's.json': '[\n  {"name": "x", "down": {"a": 1}},\n  {"name": "y", "down": {"q": 1}}\n]',
      },
      ['--scenarios', 's.json'],
      /s\.json:3:26: scenario "y": unknown firm "q"/,
    ],
  ];
  it.each(bad)('exits non-zero naming file, line and column: %s', async (_name, files, extra, message) => {
    const d = mkdtempSync(join(tmpdir(), 'cb-esri-bad-'));
    onTestFinished(() => rmSync(d, { recursive: true, force: true }));
    writeFileSync(join(d, 'firms.csv'), firms);
    for (const [f, content] of Object.entries(files)) writeFileSync(join(d, f), content);
    const args = ['esri', '--edges', join(d, 'edges.csv'), '--firms', join(d, 'firms.csv'), '--all-firms'];
    const withFiles = extra.map((a) => (/\.(csv|json)$/.test(a) ? join(d, a) : a));
    if (!withFiles.includes('--production')) withFiles.push('--production', 'linear');
    const r = await chainbrain([...args, ...withFiles, '--threads', '1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });
});

describe('CSV reader', () => {
  it('handles quotes, doubled quotes, CRLF, blank lines and columns', () => {
    const text = 'a,b,c\r\n"x,1","say ""hi""",3\r\n\r\nplain,"multi\nline",z\n';
    const rows = [...parseCsv(text, 't.csv')];
    expect(rows.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['x,1', 'say "hi"', '3'],
      ['plain', 'multi\nline', 'z'],
    ]);
    expect(rows[1]!.columns).toEqual([1, 7, 20]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('reports malformed quoting with a position', () => {
    expect(() => [...parseCsv('a,b\n1,"x"y\n', 't.csv')]).toThrow(InputError);
    expect(() => [...parseCsv('a,b\n1,"x"y\n', 't.csv')]).toThrow(/t\.csv:2:6: text after a closing quote/);
    expect(() => [...parseCsv('a\n"open\n', 't.csv')]).toThrow(/unterminated/);
  });

  it('finds invalid UTF-8', () => {
    expect(findInvalidUtf8(Buffer.from('产业链 ok'))).toBe(-1);
    expect(findInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1);
    expect(findInvalidUtf8(Buffer.from([0x61, 0xe4, 0xba]))).toBe(1);
    expect(findInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
  });
});
