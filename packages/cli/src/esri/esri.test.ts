import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { buildNetwork, firmEsri, runScenarios } from '@chainbrain/engine';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { loadFixture } from '../../../engine/src/testing/fixtures.js';
import { nativeSweepExpected } from '../../../engine/src/testing/native-sweep.js';
import { optionErrorInChinese } from '../commands/option-errors.js';
import { parseCsv } from './csv-parser.js';
import { InputError } from './input-error.js';
import { usableThreads } from './threads.js';
import { findInvalidUtf8 } from './utf8.js';
import { JsonSyntaxError, type Located, parseLocatedJson } from './located-json.js';

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

async function chainbrain(args: string[], env: NodeJS.ProcessEnv = process.env) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { cwd: tmpdir(), maxBuffer: 1 << 28, env });
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

/** All-firm ESRI of a network written by `chainbrain demo --scale` into `net` (rated table, substitution). */
function scaleNetworkArgs(net: string): string[] {
  return [
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
  ];
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

  it('says which kernel swept the lanes, and CHAINBRAIN_NATIVE=0 turns the native sweep off (ADR 0023)', async () => {
    const net = join(dir, 'scale-native');
    expect(
      (await chainbrain(['demo', '--scale', '--firms', '600', '--links', '6000', '--out', net])).code,
    ).toBe(0);
    const args = (out: string) => [...scaleNetworkArgs(net), '--out', join(dir, out)];
    const byDefault = await chainbrain(args('default.json'));
    const off = await chainbrain(args('off.json'), { ...process.env, CHAINBRAIN_NATIVE: '0' });
    expect(byDefault.code).toBe(0);
    expect(off.code).toBe(0);
    expect(off.stderr).toMatch(
      /lanes swept in WebAssembly \(no native sweep: turned off \(CHAINBRAIN_NATIVE=0\)\) \/ .*以 WebAssembly 扫描/,
    );
    expect(byDefault.stderr).toMatch(
      nativeSweepExpected()
        ? /lanes swept natively \(AVX-512, 8 lanes\) \/ .*以原生代码扫描（AVX-512，8 路）/
        : /lanes swept in WebAssembly \(no native sweep: /,
    );
    const a = JSON.parse(readFileSync(join(dir, 'default.json'), 'utf8')).per_firm;
    const b = JSON.parse(readFileSync(join(dir, 'off.json'), 'utf8')).per_firm;
    expect(Object.keys(a)).toHaveLength(600);
    for (const [id, v] of Object.entries<{ esri: number; esri_up: number }>(b)) {
      expect(Math.abs(a[id].esri - v.esri), id).toBeLessThan(1e-13);
      expect(Math.abs(a[id].esri_up - v.esri_up), id).toBeLessThan(1e-13);
    }
    // A scenario-only run sweeps no lanes and says nothing about them.
    const scenarios = join(dir, 'one-scenario.json');
    const firstFirm = readFileSync(join(net, 'firms.csv'), 'utf8').split('\n')[1]!.split(',')[0]!;
    writeFileSync(scenarios, JSON.stringify([{ name: 's', down: { [firstFirm]: 1 } }]));
    const scenarioOnly = await chainbrain([
      ...args('s.json').filter((x) => x !== '--all-firms'),
      '--scenarios',
      scenarios,
    ]);
    expect(scenarioOnly.code).toBe(0);
    expect(scenarioOnly.stderr).not.toMatch(/lanes swept/);
  });

  it('gives the same per-firm values with --method cascade as with the default walk sums', async () => {
    const net = join(dir, 'scale');
    const gen = await chainbrain(['demo', '--scale', '--firms', '400', '--links', '3000', '--out', net]);
    expect(gen.code).toBe(0);
    const base = [...scaleNetworkArgs(net), '--threads', '2'];
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
      'a column twice in the header',
      { 'edges.csv': 'supplier,supplier,buyer,value\na,b,c,10\n' },
      [],
      /edges\.csv:1:10: column "supplier" is in the header twice \(fields 1 and 2\)/,
    ],
    [
      'a firm id column twice in the header',
      { 'firms.csv': 'id,industry,id\na,i1,b\nb,i2,a\n' },
      [],
      /firms\.csv:1:13: column "id" is in the header twice \(fields 1 and 3\)/,
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
      'a pair rated twice, differently, even for an industry without firms',
      {
        'edges.csv': 'supplier,buyer,value\na,b,1\n',
        'ess.csv': 'supplier_industry,buyer_industry,rating\ni1,zz,1\ni1,zz,2\n',
      },
      ['--production', 'table', '--essentiality', 'ess.csv'],
      /ess\.csv:3:7: pair i1 → zz rated again \(line 2 says 1\)/,
    ],
    [
      'an essentiality table of which no row rates this network (another case)',
      {
        'edges.csv': 'supplier,buyer,value\na,b,1\n',
        'ess.csv': 'supplier_industry,buyer_industry,rating\nI1,I2,2\ni1,q,1\n',
      },
      ['--production', 'table', '--essentiality', 'ess.csv'],
      /ess\.csv: no row rates two industries that firms in firms\.csv have, so every link would be rated 0; industries of the table without firms: "I1" \(line 2; firms\.csv: "i1"\), "I2" \(line 2; firms\.csv: "i2"\), "q" \(line 3\); industries of the firms: "i1", "i2" \/ .*“I1”（第 2 行；firms\.csv 中为“i1”）/,
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
      /firms\.csv:3:1: firm "b": its purchases or sales in edges\.csv add up to more than a float can hold/,
    ],
    [
      "sales whose total over all firms overflows (each firm's is finite)",
      { 'edges.csv': 'supplier,buyer,value\na,b,1e308\nb,c,1e308\nc,a,1e308\n' },
      [],
      /edges\.csv: the firms' sales \(column "value" summed per supplier\), the ESRI weights, add up to more than a float can hold, so every ESRI would be 0/,
    ],
    [
      'revenues whose total overflows, as weights',
      { 'firms.csv': 'id,industry,revenue\na,i1,1e308\nb,i2,1e308\nc,i2,5\n' },
      ['--weights', 'revenue'],
      /firms\.csv: the firms' revenues \(column "revenue"\), the ESRI weights, add up to more than a float can hold/,
    ],
    [
      'revenue so small that sales over it overflow',
      {
        'firms.csv': 'id,industry,revenue\na,i1,1e-310\nb,i1,1\n',
        'edges.csv': 'supplier,buyer,value\na,b,1\n',
      },
      ['--upstream-by', 'revenue'],
      /firms\.csv:2:6: firm "a" has revenue 1e-310, so small that its sales over it overflow/,
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
    [
      'a bad shock on another line than an earlier mention of the firm',
      {
        'edges.csv': 'supplier,buyer,value\na,b,1\n',
        's.json': '[\n {"name": "x", "down": {"a": 0.5},\n  "up": {"a": 7}}\n]',
      },
      ['--scenarios', 's.json'],
      /s\.json:3:15: scenario "x": shock of "a" must be a number in \[0, 1\]/,
    ],
    [
      'a scenario name used twice',
      {
        'edges.csv': 'supplier,buyer,value\na,b,1\n',
        's.json': '[{"name": "x", "down": {"a": 1}},\n {"name": "x", "down": {"b": 1}}]',
      },
      ['--scenarios', 's.json'],
      /s\.json:2:11: scenario name "x" is used twice \(first by scenario 1\)/,
    ],
    [
      'a firm twice in one shock',
      {
        'edges.csv': 'supplier,buyer,value\na,b,1\n',
        's.json': '[{"name": "x", "down": {"a": 1, "a": 0.5}}]',
      },
      ['--scenarios', 's.json'],
      /s\.json:1:33: scenario "x": firm "a" appears twice in "down"/,
    ],
    [
      'a misspelt key in a scenario',
      {
        'edges.csv': 'supplier,buyer,value\na,b,1\n',
        's.json': '[{"name": "x", "down": {"a": 1},\n  "Up": {"b": 1}}]',
      },
      ['--scenarios', 's.json'],
      /s\.json:2:3: scenario 1: unknown key "Up" \(the keys are "name", "down" and "up"\); did you mean "up"\?/,
    ],
    [
      'a value too large for a float',
      { 'edges.csv': 'supplier,buyer,value\na,b,1e400\n' },
      [],
      /edges\.csv:2:5: value "1e400" is out of range \(a float holds at most about 1\.8e308\)/,
    ],
    [
      'lines that end in CR only',
      { 'edges.csv': 'supplier,buyer,value\ra,b,1\rb,c,2\r' },
      [],
      /edges\.csv:1:21: lines end in CR only \(a carriage return without a line feed\); save the file with LF or CRLF/,
    ],
    [
      'a hexadecimal value',
      { 'edges.csv': 'supplier,buyer,value\na,b,0x10\n' },
      [],
      /edges\.csv:2:5: value "0x10" is not a number/,
    ],
    [
      'more fields than the header',
      { 'edges.csv': 'supplier,buyer,value\na,b,1,extra\n' },
      [],
      /edges\.csv:2:7: 4 fields, but the header has 3/,
    ],
    [
      'no link with a value',
      { 'edges.csv': 'supplier,buyer,value\n' },
      [],
      /edges\.csv: no link has a value > 0/,
    ],
    [
      'no revenue column for revenue weights',
      { 'firms.csv': 'id,industry\na,i1\nb,i2\n', 'edges.csv': 'supplier,buyer,value\na,b,1\n' },
      ['--weights', 'revenue'],
      /firms\.csv:1:1: --weights revenue needs a "revenue" column/,
    ],
    ['a missing file', {}, ['--scenarios', 'none.json'], /none\.json: cannot read file \(ENOENT\)/],
    [
      'a broken essentiality file that linear production would not use',
      {
        'edges.csv': 'supplier,buyer,value\na,b,1\n',
        'ess.csv': 'supplier_industry,buyer_industry,rating\ni1,i2,7\n',
      },
      ['--essentiality', 'ess.csv'],
      /ess\.csv:2:7: rating "7" must be 0, 1 or 2/,
    ],
  ];
  it.each(bad)('exits non-zero naming file, line and column: %s', async (_name, files, extra, message) => {
    const d = mkdtempSync(join(tmpdir(), 'cb-esri-bad-'));
    onTestFinished(() => rmSync(d, { recursive: true, force: true }));
    writeFileSync(join(d, 'firms.csv'), firms);
    writeFileSync(join(d, 'edges.csv'), 'supplier,buyer,value\na,b,1\n');
    for (const [f, content] of Object.entries(files)) writeFileSync(join(d, f), content);
    const args = ['esri', '--edges', join(d, 'edges.csv'), '--firms', join(d, 'firms.csv'), '--all-firms'];
    const withFiles = extra.map((a) => (/\.(csv|json)$/.test(a) ? join(d, a) : a));
    if (!withFiles.includes('--production')) withFiles.push('--production', 'linear');
    const r = await chainbrain([...args, ...withFiles, '--threads', '1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    // Every message says it in Chinese too, after " / ".
    expect(r.stderr).toMatch(/ \/ [^\n]*[\u4e00-\u9fff]/);
  });

  /** `esri` over firms.csv and the given links file in folder d: linear, every firm, one thread. */
  const linearAllFirms = (d: string, edges: string) => [
    'esri',
    '--edges',
    join(d, edges),
    '--firms',
    join(d, 'firms.csv'),
    '--production',
    'linear',
    '--all-firms',
    '--threads',
    '1',
  ];

  it('fails before computing when --out cannot be written, and keeps an earlier result on bad input', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cb-esri-out-'));
    onTestFinished(() => rmSync(d, { recursive: true, force: true }));
    writeFileSync(join(d, 'firms.csv'), firms);
    writeFileSync(join(d, 'edges.csv'), 'supplier,buyer,value\na,b,1\nb,c,2\n');
    const base = linearAllFirms(d, 'edges.csv');
    const noFolder = await chainbrain([...base, '--out', join(d, 'missing', 'r.json')]);
    expect(noFolder.code).not.toBe(0);
    expect(noFolder.stderr).toMatch(/cannot write --out .*r\.json \(ENOENT\) \/ 无法写入/);
    const folder = await chainbrain([...base, '--out', d]);
    expect(folder.code).not.toBe(0);
    expect(folder.stderr).toMatch(/\(EISDIR\)/);
    const out = join(d, 'r.json');
    expect((await chainbrain([...base, '--out', out])).code).toBe(0);
    const good = readFileSync(out, 'utf8');
    expect(JSON.parse(good).per_firm.a.esri).toBeGreaterThan(0);
    writeFileSync(join(d, 's.json'), '[{"name": "x", "down": {"zz": 1}}]');
    const bad = await chainbrain([...base, '--scenarios', join(d, 's.json'), '--out', out]);
    expect(bad.code).not.toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(good);
    // No partial file is left beside it.
    expect(readdirSync(d).sort()).toEqual(['edges.csv', 'firms.csv', 'r.json', 's.json']);
  });

  it('keeps a quoted id exactly as written and trims the blanks around an unquoted one', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cb-esri-ids-'));
    onTestFinished(() => rmSync(d, { recursive: true, force: true }));
    writeFileSync(join(d, 'firms.csv'), 'id,industry\n" a",x\n b ,y\n"c",y\n');
    writeFileSync(join(d, 'edges.csv'), 'supplier,buyer,value\n" a","b"," 10"\n b , c ,5\n');
    writeFileSync(join(d, 's.json'), '[{"name": "s", "down": {" a": 1}}]');
    const r = await chainbrain([...linearAllFirms(d, 'edges.csv'), '--scenarios', join(d, 's.json')]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.per_firm)).toEqual([' a', 'b', 'c']);
    expect(Object.keys(out.scenarios[0].h_down)).toEqual([' a', 'b', 'c']);
    expect(out.scenarios[0].esri).toBeGreaterThan(0);
    // Unquoted, "a" is not the firm " a".
    writeFileSync(join(d, 'plain.csv'), 'supplier,buyer,value\na,b,10\n');
    const plain = await chainbrain(linearAllFirms(d, 'plain.csv'));
    expect(plain.stderr).toMatch(/plain\.csv:2:1: unknown firm "a"/);
  });

  it('writes --out through a symlink, keeps the mode, and writes a FIFO or /dev/null as it is', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cb-esri-out-kinds-'));
    onTestFinished(() => rmSync(d, { recursive: true, force: true }));
    writeFileSync(join(d, 'firms.csv'), firms);
    writeFileSync(join(d, 'edges.csv'), 'supplier,buyer,value\na,b,1\nb,c,2\n');
    const base = linearAllFirms(d, 'edges.csv');
    const expected = (await chainbrain(base)).stdout;
    expect(JSON.parse(expected).per_firm.a.esri).toBeGreaterThan(0);
    // A symlink to a file of mode 0640: the link stays, the file gets the result and keeps its mode.
    writeFileSync(join(d, 'target.json'), 'old');
    chmodSync(join(d, 'target.json'), 0o640);
    symlinkSync('target.json', join(d, 'link.json'));
    expect((await chainbrain([...base, '--out', join(d, 'link.json')])).code).toBe(0);
    expect(lstatSync(join(d, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'target.json'), 'utf8')).toBe(expected);
    expect(statSync(join(d, 'target.json')).mode & 0o777).toBe(0o640);
    // A read-only file keeps its mode too.
    writeFileSync(join(d, 'ro.json'), 'old');
    chmodSync(join(d, 'ro.json'), 0o444);
    expect((await chainbrain([...base, '--out', join(d, 'ro.json')])).code).toBe(0);
    expect(readFileSync(join(d, 'ro.json'), 'utf8')).toBe(expected);
    expect(statSync(join(d, 'ro.json')).mode & 0o777).toBe(0o444);
    // A link to a file not made yet: the file is made where it points.
    symlinkSync('made.json', join(d, 'dangling.json'));
    expect((await chainbrain([...base, '--out', join(d, 'dangling.json')])).code).toBe(0);
    expect(lstatSync(join(d, 'dangling.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'made.json'), 'utf8')).toBe(expected);
    // /dev/null through a link in this folder (no other device is written): both stay as they are.
    symlinkSync('/dev/null', join(d, 'null.json'));
    expect((await chainbrain([...base, '--out', join(d, 'null.json')])).code).toBe(0);
    expect(readlinkSync(join(d, 'null.json'))).toBe('/dev/null');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    // A FIFO made here: the result comes out of it, and it stays a FIFO.
    const fifo = join(d, 'pipe.json');
    await run('mkfifo', [fifo]);
    const [read, viaFifo] = await Promise.all([readFile(fifo, 'utf8'), chainbrain([...base, '--out', fifo])]);
    expect(viaFifo.code).toBe(0);
    expect(read).toBe(expected);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(d).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'removes the partial --out file when %s ends a run',
    async (signal) => {
      const d = mkdtempSync(join(tmpdir(), 'cb-esri-signal-'));
      onTestFinished(() => rmSync(d, { recursive: true, force: true }));
      const net = join(d, 'net');
      const gen = await chainbrain(['demo', '--scale', '--firms', '3000', '--links', '30000', '--out', net]);
      expect(gen.code).toBe(0);
      // Every firm's cascade to eps 0 on one thread: seconds, so the signal comes mid-run.
      const args = ['esri', '--edges', join(net, 'edges.csv'), '--firms', join(net, 'firms.csv')];
      args.push('--essentiality', join(net, 'essentiality.csv'), '--production', 'table', '--substitution');
      args.push(
        '--eps',
        '0',
        '--all-firms',
        '--method',
        'cascade',
        '--threads',
        '1',
        '--out',
        join(d, 'r.json'),
      );
      const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
      const ended = once(child, 'exit');
      const partial = () => readdirSync(d).filter((f) => f.endsWith('.partial'));
      // The partial file is made when --out is opened, before the inputs are read.
      while (partial().length === 0 && child.exitCode === null) await sleep(20);
      expect(partial()).toHaveLength(1);
      await sleep(300);
      child.kill(signal);
      const [code, endedBy] = await ended;
      expect([code, endedBy]).toEqual([null, signal]);
      expect(readdirSync(d)).toEqual(['net']);
    },
  );

  it('skips a self-loop of value 0 (it carries nothing) and still rejects one with a value', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cb-esri-loop-'));
    onTestFinished(() => rmSync(d, { recursive: true, force: true }));
    writeFileSync(join(d, 'firms.csv'), firms);
    writeFileSync(join(d, 'plain.csv'), 'supplier,buyer,value\na,b,1\nb,c,2\n');
    writeFileSync(join(d, 'loop.csv'), 'supplier,buyer,value\na,b,1\nb,b,0\nb,c,2\n');
    const run = (edges: string) => chainbrain(linearAllFirms(d, edges));
    const plain = await run('plain.csv');
    const loop = await run('loop.csv');
    expect(loop.code).toBe(0);
    expect(loop.stdout).toBe(plain.stdout);
    writeFileSync(join(d, 'loop.csv'), 'supplier,buyer,value\na,b,1\nb,b,0.5\n');
    expect((await run('loop.csv')).stderr).toMatch(/loop\.csv:3:3: self-loop/);
  });

  it('notes an unused essentiality table and shows progress for a batch of scenarios, in both languages', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cb-esri-notes-'));
    onTestFinished(() => rmSync(d, { recursive: true, force: true }));
    writeFileSync(join(d, 'firms.csv'), firms);
    writeFileSync(join(d, 'edges.csv'), 'supplier,buyer,value\na,b,1\nb,c,2\n');
    writeFileSync(join(d, 'ess.csv'), 'supplier_industry,buyer_industry,rating\ni1,i2,2\n');
    const shocks = ['a', 'b', 'c'].map((id) => ({ name: id, down: { [id]: 1 } }));
    writeFileSync(join(d, 's.json'), JSON.stringify(shocks));
    const base = linearAllFirms(d, 'edges.csv').filter((a) => a !== '--all-firms');
    const r = await chainbrain([
      ...base,
      '--essentiality',
      join(d, 'ess.csv'),
      '--scenarios',
      join(d, 's.json'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /--essentiality is not used with --production linear \(only with table\) \/ --production linear 不使用/,
    );
    // Not a terminal here, so the bar is a plain line per tenth of the batch; the last one says 3/3.
    expect(r.stderr).toMatch(/scenarios 3\/3 scenarios, [\d.]+ s \/ scenarios 已完成 3\/3 个情景/);
    expect(JSON.parse(r.stdout).scenarios.map((s: { name: string }) => s.name)).toEqual(['a', 'b', 'c']);
    // A single scenario reports nothing until it is done, so it gets no bar.
    writeFileSync(join(d, 'one.json'), JSON.stringify(shocks.slice(0, 1)));
    const one = await chainbrain([...base, '--scenarios', join(d, 'one.json')]);
    expect(one.code).toBe(0);
    expect(one.stderr).not.toMatch(/scenarios 1\/1/);
  });

  it('warns of essentiality industries without firms here, naming the first few and their count', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cb-esri-ess-'));
    onTestFinished(() => rmSync(d, { recursive: true, force: true }));
    writeFileSync(join(d, 'firms.csv'), firms);
    writeFileSync(join(d, 'edges.csv'), 'supplier,buyer,value\na,b,1\nb,c,2\n');
    const rows = ['i1,i2,2', 'X,i2,1', ...['u1', 'u2', 'u3', 'u4', 'u5'].map((u) => `${u},Y,1`)];
    writeFileSync(join(d, 'ess.csv'), `supplier_industry,buyer_industry,rating\n${rows.join('\n')}\n`);
    const base = linearAllFirms(d, 'edges.csv').filter((a) => a !== 'linear' && a !== '--production');
    const r = await chainbrain([...base, '--production', 'table', '--essentiality', join(d, 'ess.csv')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /ess\.csv: 7 industries have no firm in firms\.csv, so their rows rate nothing here: "X" \(line 3\), "u1" \(line 4\), "Y" \(line 4\), "u2" \(line 5\), "u3" \(line 6\) and 2 more \/ ess\.csv：有 7 个行业/,
    );
    expect(r.stderr).toMatch(
      /“X”（第 3 行）、“u1”（第 4 行）、“Y”（第 4 行）、“u2”（第 5 行）、“u3”（第 6 行） 等（另有 2 个）/,
    );
    expect(JSON.parse(r.stdout).per_firm.b.esri).toBeGreaterThan(0);
  });

  it('refuses more than 64 threads and runs no more threads than there are CPUs', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cb-esri-threads-'));
    onTestFinished(() => rmSync(d, { recursive: true, force: true }));
    writeFileSync(join(d, 'firms.csv'), firms);
    writeFileSync(join(d, 'edges.csv'), 'supplier,buyer,value\na,b,1\nb,c,2\n');
    const base = linearAllFirms(d, 'edges.csv').slice(0, -2);
    const tooMany = await chainbrain([...base, '--threads', '65']);
    expect(tooMany.code).not.toBe(0);
    expect(tooMany.stderr).toMatch(/must be at most 64 \/ 不能超过 64/);
    const cpus = availableParallelism();
    const many = await chainbrain([...base, '--threads', '64']);
    expect(many.code).toBe(0);
    if (cpus < 64) {
      expect(many.stderr).toMatch(
        new RegExp(`--threads 64 is more than the ${cpus} CPUs this process may use.*; running ${cpus} / `),
      );
      expect(many.stderr).toMatch(new RegExp(`on ${Math.min(cpus, 3)} threads`));
    }
    expect(usableThreads(2, 2)).toEqual({ threads: 2 });
    expect(usableThreads(3, 2).threads).toBe(2);
  });

  it('explains option errors in Chinese too, naming the option', async () => {
    const esri = (...extra: string[]) =>
      chainbrain(['esri', '--edges', 'e.csv', '--firms', 'f.csv', '--production', 'linear', ...extra]);
    const hex = await esri('--threads', '0x2');
    expect(hex.code).not.toBe(0);
    expect(hex.stderr).toMatch(/must be a whole number ≥ 1 \/ 须为不小于 1 的整数/);
    expect(hex.stderr).toMatch(
      /错误：选项 --threads <n> 的值“0x2”无效：须为不小于 1 的整数；运行 chainbrain esri --help/,
    );
    const huge = await esri('--eps', '1e400');
    expect(huge.code).not.toBe(0);
    expect(huge.stderr).toMatch(
      /argument '1e400' is invalid\. out of range: a float holds at most about 1\.8e308/,
    );
    expect(huge.stderr).toMatch(/错误：选项 --eps <number> 的值“1e400”无效：超出浮点数范围/);
    const typo = await esri('--ep', '1');
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toMatch(/错误：未知选项 --ep（是否应为 --eps？）/);
  });
});

describe("Commander's option errors in Chinese", () => {
  it.each([
    ["error: required option '--firms <file>' not specified", '缺少必需的选项 --firms <file>'],
    ["error: option '--out <file>' argument missing", '选项 --out <file> 缺少参数值'],
    [
      "error: option '--production <mode>' argument 'line' is invalid. Allowed choices are linear, leontief, table.",
      '选项 --production <mode> 的值“line”无效，可选值为 linear, leontief, table',
    ],
    [
      "error: too many arguments for 'esri'. Expected 0 arguments but got 1.",
      '参数过多：chainbrain esri 不接受选项以外的参数',
    ],
    ['error: something new', '命令行参数有误'],
  ])('%s', (message, chinese) => {
    expect(optionErrorInChinese(message)).toBe(`错误：${chinese}；运行 chainbrain esri --help 查看用法`);
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

describe('JSON with positions', () => {
  it('gives the values JSON.parse gives, with where each value and key starts', () => {
    const text = '[{"a\\u00e9": -1.5e2, "b": [true, null, "x\\"y"]}, {}]';
    const root = parseLocatedJson(text);
    const plain = (v: Located): unknown =>
      v.kind === 'object'
        ? Object.fromEntries(v.members.map((m) => [m.key, plain(m.value)]))
        : v.kind === 'array'
          ? v.items.map(plain)
          : v.kind === 'null'
            ? null
            : v.value;
    expect(plain(root)).toEqual(JSON.parse(text));
    if (root.kind !== 'array' || root.items[0]!.kind !== 'object') throw new Error('shape');
    const [a, b] = root.items[0]!.members;
    expect(text.slice(a!.keyPos, a!.keyPos + 4)).toBe('"a\\u');
    expect(text.slice(a!.value.pos, a!.value.pos + 6)).toBe('-1.5e2');
    expect(text.slice(b!.value.pos, b!.value.pos + 5)).toBe('[true');
  });

  it.each([
    ['[1, 2', 5, /unexpected end/],
    ['{"a" 1}', 5, /expected ":"/],
    ['[01]', 2, /expected "," or "]"/],
    ['{"a": 1} x', 9, /text after the end/],
    ['["\\q"]', 1, /invalid escape/],
  ])('rejects %s at offset %i', (text, pos, message) => {
    expect(() => parseLocatedJson(text)).toThrow(message);
    try {
      parseLocatedJson(text);
    } catch (err) {
      expect(err).toBeInstanceOf(JsonSyntaxError);
      expect((err as JsonSyntaxError).pos).toBe(pos);
    }
  });
});
