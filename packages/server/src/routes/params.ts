import { z } from 'zod';

/**
 * A row id in a path: a positive whole number within PostgreSQL's integer range. Without the upper bound
 * an id such as 99999999999 reached the database, which answered with an error (a 500), not a 400.
 */
export const rowId = z
  .string()
  .regex(/^[0-9]+$/, 'an id is written in digits only / 编号只能由数字组成')
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .positive()
      .max(2_147_483_647, 'an id above 2147483647 does not exist / 编号不能大于 2147483647'),
  );

/**
 * A whole number in a query string, in decimal digits only: `Number()` (z.coerce) also took `0x10` as 16
 * and `1e3` as 1000, and a repeated parameter became "NaN" in the message.
 */
export function wholeNumberQuery(min: number, max: number, fallback: number) {
  return z
    .string()
    .regex(/^[0-9]{1,9}$/, 'a whole number in digits / 应为数字组成的整数')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback)
    .describe(`whole number ${min}–${max}, default ${fallback}`);
}

/** A plan id in a query string, as long as the path parameters allow. */
export const planQuery = z.string().min(1).max(100);

/** A plan, chain or node id in a path. */
export const idParam = z.string().min(1).max(100);
