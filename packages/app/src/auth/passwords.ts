import { checkPassword } from '@chainbrain/domain';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors.js';

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes). Algorithm is a const enum: 2 = Argon2id.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so both paths take the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('no such user: equalise timing');
  return dummyHash;
}

export function assertPasswordAcceptable(password: string, username: string): void {
  const problems = checkPassword(password, username);
  if (problems.length > 0) {
    throw new AppError(
      'invalid_input',
      `密码不符合要求：${problems.map((p) => p.zh).join('；')}`,
      `Password rejected: ${problems.map((p) => p.en).join('; ')}`,
      { problems: problems.map((p) => p.code) },
    );
  }
}
