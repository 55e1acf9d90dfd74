import { type Database, planHeadlineTargets } from '@chainbrain/store';

/**
 * The plan's target for the output of all its chains together (亿元), when a headline target says it
 * measures that (`measures: chains_total_output`); otherwise undefined and the dashboards add up the
 * chains' own targets, saying so.
 */
export async function headlineOutputTarget(database: Database, planId: string): Promise<number | undefined> {
  const targets = await planHeadlineTargets(database.query, planId);
  return targets.find((t) => t.measures === 'chains_total_output' && t.unit === '亿元')?.target;
}
