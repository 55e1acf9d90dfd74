// JSON with the position of every value and key, so that an error in scenarios.json can name the line
// and column of the very value that is wrong. JSON.parse gives values without positions, and searching
// the text for a value afterwards finds its first occurrence, which may be another scenario's.
//
// The grammar is RFC 8259's; strings are decoded by JSON.parse on their own text, so escapes mean what
// they mean there.

/** A parsed value and where it starts (offset in the text). */
export type Located =
  | { kind: 'object'; pos: number; members: Member[] }
  | { kind: 'array'; pos: number; items: Located[] }
  | { kind: 'string'; pos: number; value: string }
  | { kind: 'number'; pos: number; value: number }
  | { kind: 'boolean'; pos: number; value: boolean }
  | { kind: 'null'; pos: number };

/** An object member in the order written (repeated keys are kept, for the caller to reject). */
export type Member = { key: string; keyPos: number; value: Located };

export class JsonSyntaxError extends Error {
  constructor(
    readonly pos: number,
    message: string,
    readonly zh: string,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 256;

export function parseLocatedJson(text: string): Located {
  let p = 0;
  const skip = () => {
    while (p < text.length && ' \t\n\r'.includes(text[p]!)) p++;
  };
  const fail = (message: string, zh: string): never => {
    if (p >= text.length) throw new JsonSyntaxError(p, 'unexpected end of the file', '文件意外结束');
    throw new JsonSyntaxError(p, message, zh);
  };
  const string = (): string => {
    const start = p;
    p++; // opening quote
    for (;;) {
      if (p >= text.length) {
        p = start;
        fail('unterminated string', '字符串没有结束');
      }
      const c = text.charCodeAt(p);
      if (c === 0x22) break;
      if (c < 0x20) fail('control character in a string', '字符串中有控制字符');
      p += c === 0x5c ? 2 : 1;
    }
    p++;
    try {
      return JSON.parse(text.slice(start, p)) as string;
    } catch {
      p = start;
      return fail('invalid escape in a string', '字符串中的转义无效');
    }
  };
  const value = (depth: number): Located => {
    if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH} levels`, `嵌套超过 ${MAX_DEPTH} 层`);
    skip();
    const pos = p;
    const c = text[p];
    if (c === '{') {
      p++;
      const members: Member[] = [];
      skip();
      if (text[p] === '}') {
        p++;
        return { kind: 'object', pos, members };
      }
      for (;;) {
        skip();
        if (text[p] !== '"') fail('expected a key in double quotes', '此处应为带双引号的键');
        const keyPos = p;
        const key = string();
        skip();
        if (text[p] !== ':') fail('expected ":" after the key', '键之后应为冒号 ":"');
        p++;
        members.push({ key, keyPos, value: value(depth + 1) });
        skip();
        if (text[p] === ',') {
          p++;
          continue;
        }
        if (text[p] === '}') {
          p++;
          return { kind: 'object', pos, members };
        }
        fail('expected "," or "}"', '此处应为 "," 或 "}"');
      }
    }
    if (c === '[') {
      p++;
      const items: Located[] = [];
      skip();
      if (text[p] === ']') {
        p++;
        return { kind: 'array', pos, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        skip();
        if (text[p] === ',') {
          p++;
          continue;
        }
        if (text[p] === ']') {
          p++;
          return { kind: 'array', pos, items };
        }
        fail('expected "," or "]"', '此处应为 "," 或 "]"');
      }
    }
    if (c === '"') return { kind: 'string', pos, value: string() };
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, p)) {
        p += word.length;
        return v === null ? { kind: 'null', pos } : { kind: 'boolean', pos, value: v };
      }
    }
    NUMBER.lastIndex = p;
    const m = NUMBER.exec(text);
    if (m) {
      p += m[0].length;
      return { kind: 'number', pos, value: Number(m[0]) };
    }
    return fail('unexpected character', '意外的字符');
  };
  const root = value(0);
  skip();
  if (p < text.length) fail('text after the end of the JSON value', 'JSON 值之后还有多余内容');
  return root;
}

/** 1-based line and column (in characters) of an offset. */
export function lineColumnAt(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let q = text.indexOf('\n'); q >= 0 && q < pos; q = text.indexOf('\n', q + 1)) {
    line++;
    start = q + 1;
  }
  return { line, column: pos - start + 1 };
}
