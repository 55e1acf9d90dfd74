import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvRecords } from './csv-file.js';
import { parseCsv } from './csv-parser.js';
import { completeUtf8Length, readUtf8 } from './utf8.js';

const dir = mkdtempSync(join(tmpdir(), 'cb-csv-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The message of what fn throws, or 'no error'. */
function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
}

// Pieces of every size from 1 byte up, so that every edge falls once on every byte of the file: inside
// a 3- and a 4-byte character, between CR and LF, between two quotes of a doubled quote, in a BOM.
describe('CSV read in pieces (files larger than one string)', () => {
  const text =
    'id,name,note\r\n' +
    'a1,"产业,链","say ""hi"""\r\n' +
    '\r\n' +
    'b2,"multi\r\nline 🙂",x\r\n' +
    'c3,  spaced  ,"ends in a quote"""\n' +
    'd4,链,last without a line end';

  it('gives the records the whole text gives, for every piece size', () => {
    const path = file('tricky.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const whole = [...parseCsv(text, 'tricky.csv')];
    expect(whole.map((r) => r.line)).toEqual([1, 2, 4, 6, 7]);
    const size = Buffer.byteLength(text) + 3;
    for (let chunk = 1; chunk <= size + 1; chunk++)
      expect([...readCsvRecords(path, 'tricky.csv', chunk)], `piece of ${chunk} bytes`).toEqual(whole);
  });

  it('names the line and column of a bad byte as a whole-file read does, for every piece size', () => {
    const bytes = Buffer.concat([
      Buffer.from('id,name\n"multi\nline",产\n'),
      Buffer.from('x,ab'),
      Buffer.from([0xe4, 0xba]), // 产 cut short: a bad byte, not a cut-off read
      Buffer.from(',y\n'),
    ]);
    const path = file('bad.csv', bytes);
    const expected = thrown(() => readUtf8(path, 'bad.csv'));
    expect(expected).toMatch(/^bad\.csv:4:5: not valid UTF-8 \(byte 0xe4\)/);
    for (let chunk = 1; chunk <= bytes.length + 1; chunk++)
      expect(
        thrown(() => [...readCsvRecords(path, 'bad.csv', chunk)]),
        `piece of ${chunk} bytes`,
      ).toBe(expected);
    const cut = file('cut.csv', Buffer.concat([Buffer.from('id\nab'), Buffer.from([0xf0, 0x9f, 0x99])]));
    for (let chunk = 1; chunk <= 8; chunk++)
      expect(thrown(() => [...readCsvRecords(cut, 'cut.csv', chunk)])).toMatch(
        /^cut\.csv:2:3: not valid UTF-8/,
      );
  });

  it('holds back only a character that a read cut off', () => {
    const smile = Buffer.from('a🙂');
    expect([1, 2, 3, 4, 5].map((end) => completeUtf8Length(smile, end))).toEqual([1, 1, 1, 1, 5]);
    expect(completeUtf8Length(Buffer.from([0x80, 0x80, 0x80, 0x80]), 4)).toBe(4);
  });
});
