// Commander's own messages (unknown option, missing or invalid value) are in English only. The project
// says everything in Chinese too, so each kind is said again in Chinese, naming the option; the English
// line is kept as Commander wrote it, since it is what a search for the message would find.

type Rule = [RegExp, (m: RegExpMatchArray) => string];

/** Our own InvalidArgumentError messages are "English / 中文": the Chinese half, if there is one. */
const chineseHalf = (text: string) => {
  const k = text.lastIndexOf(' / ');
  return k >= 0 ? text.slice(k + 3) : text;
};

const RULES: Rule[] = [
  [/^error: unknown option '([^']+)'/, (m) => `未知选项 ${m[1]}`],
  [/^error: required option '([^']+)' not specified/, (m) => `缺少必需的选项 ${m[1]}`],
  [/^error: option '([^']+)' argument missing/, (m) => `选项 ${m[1]} 缺少参数值`],
  [
    /^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/m,
    (m) => `选项 ${m[1]} 的值“${m[2]}”无效，可选值为 ${m[3]}`,
  ],
  [
    /^error: option '([^']+)' argument '([^']*)' is invalid\. (.*)$/m,
    (m) => `选项 ${m[1]} 的值“${m[2]}”无效：${chineseHalf(m[3]!)}`,
  ],
  [/^error: too many arguments/, () => '参数过多：chainbrain esri 不接受选项以外的参数'],
];

/** The Chinese line for one of Commander's error messages. */
export function optionErrorInChinese(message: string): string {
  let said = '命令行参数有误';
  for (const [pattern, say] of RULES) {
    const m = message.match(pattern);
    if (m) {
      said = say(m);
      break;
    }
  }
  const suggestion = message.match(/\(Did you mean (\S+?)\?\)/);
  const hint = suggestion ? `（是否应为 ${suggestion[1]}？）` : '';
  return `错误：${said}${hint}；运行 chainbrain esri --help 查看用法`;
}
