import { addMonths } from '@chainbrain/domain';
import { type Database, findPlan, firstOutputPeriod, latestOutputPeriod } from '@chainbrain/store';
import { AppError, notFound } from '../errors.js';

/** The first and latest months with output of a plan. */
export type DataMonths = { first: string; latest: string };

/**
 * Checks that the plan exists and that the month asked lies within its stored output. Before the first
 * month or after the latest there are no figures: answering zeros made a month after the latest show a
 * year-on-year fall of 100%.
 */
export async function requireDataMonth(
  database: Database,
  planId: string,
  month: string,
): Promise<DataMonths> {
  if (!(await findPlan(database.query, planId))) throw notFound(`方案 ${planId}`, `plan ${planId}`);
  const [first, latest] = await Promise.all([
    firstOutputPeriod(database.query, planId),
    latestOutputPeriod(database.query, planId),
  ]);
  if (!first || !latest) {
    throw new AppError(
      'invalid_input',
      `方案 ${planId} 尚未载入产值数据`,
      `no output has been loaded for plan ${planId}`,
      { field: 'month' },
    );
  }
  if (month < first || month > latest) {
    throw new AppError(
      'invalid_input',
      `${month} 无产值数据：数据覆盖 ${first} 至 ${latest}`,
      `no output for ${month}: the data covers ${first} to ${latest}`,
      { field: 'month', first, latest },
    );
  }
  return { first, latest };
}

/** Whether the 12 months ending at `month` all lie within the data (else a 12-month sum is partial). */
export function hasFullYearTo(months: DataMonths, month: string): boolean {
  return addMonths(month, -11) >= months.first;
}
