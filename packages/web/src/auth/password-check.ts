import { checkPassword } from '@chainbrain/domain/password-rules';

/**
 * A form rule that checks a new password with the server's own rules as it is typed, so the reasons
 * read as the server's refusal would. `username` gives the name the password must not contain.
 */
export function passwordRulesValidator(username: () => string, pick: (zh: string, en: string) => string) {
  return (_: unknown, value: string | undefined) => {
    if (!value) return Promise.resolve();
    const problems = checkPassword(value, username());
    if (problems.length === 0) return Promise.resolve();
    // The English reasons are fragments ("at least 12 characters"): one sentence, capitalised.
    const text = pick(problems.map((p) => p.zh).join('；'), problems.map((p) => p.en).join('; '));
    return Promise.reject(new Error(text.charAt(0).toUpperCase() + text.slice(1)));
  };
}
