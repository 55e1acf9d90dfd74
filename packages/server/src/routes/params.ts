import { z } from 'zod';

/**
 * A row id in a path: a positive whole number within PostgreSQL's integer range. Without the upper bound
 * an id such as 99999999999 reached the database, which answered with an error (a 500), not a 400.
 */
export const rowId = z.coerce
  .number()
  .int()
  .positive()
  .max(2_147_483_647, 'an id above 2147483647 does not exist / 编号不能大于 2147483647');

/** A plan id in a query string, as long as the path parameters allow. */
export const planQuery = z.string().min(1).max(100);
