/**
 * Password rules: at least 12 characters, at least three of lower case, upper case, digits and symbols,
 * not containing the username, not a well-known password. Returns the broken rules in zh and en.
 */
const COMMON = new Set([
  'password1234',
  'passw0rd1234',
  'qwerty123456',
  '123456789012',
  'admin1234567',
  'chainbrain123',
  'iloveyou1234',
  'abc123456789',
]);

export type PasswordProblem = { code: string; zh: string; en: string };

export function checkPassword(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < 12)
    problems.push({ code: 'too_short', zh: '密码至少 12 个字符', en: 'at least 12 characters' });
  if (password.length > 256)
    problems.push({ code: 'too_long', zh: '密码最多 256 个字符', en: 'at most 256 characters' });
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    problems.push({
      code: 'too_simple',
      zh: '须包含小写字母、大写字母、数字、符号中的至少三类',
      en: 'at least three of: lower case, upper case, digits, symbols',
    });
  }
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push({
      code: 'contains_username',
      zh: '密码不能包含用户名',
      en: 'must not contain the username',
    });
  }
  if (COMMON.has(password.toLowerCase())) {
    problems.push({ code: 'common', zh: '密码过于常见', en: 'too common' });
  }
  return problems;
}
