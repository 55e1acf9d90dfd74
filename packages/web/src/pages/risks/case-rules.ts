import type { CaseAction, ResolutionMeasure } from '@chainbrain/domain';

/*
 * The case workflow's rules the action form checks before it asks the server, copied from
 * packages/domain/src/risks/case-workflow.ts: the domain package's root also exports modules that need
 * Node (the plan loader), which the browser bundle cannot take. case-rules.test.ts fails when the two differ.
 */

/** Actions that must say why (a note of at least NOTE_MIN characters). */
export const ACTIONS_NEEDING_NOTE: ReadonlySet<CaseAction> = new Set([
  'escalate',
  'resolve',
  'reject',
  'reopen',
  'comment',
]);
export const NOTE_MIN = 2;
export const NOTE_MAX = 2000;

/** How a risk was resolved, in the order the form offers them. */
export const RESOLUTION_MEASURES: readonly ResolutionMeasure[] = [
  'same_standard_backup',
  'lower_standard_backup',
  'new_supplier',
  'local_substitute',
  'stockpile',
  'not_a_risk',
  'other',
];

/** The order the form shows the buttons in: the step forward first, a note last. */
export const ACTION_ORDER: readonly CaseAction[] = [
  'acknowledge',
  'resolve',
  'confirm',
  'reject',
  'escalate',
  'reopen',
  'comment',
];

/** Why the form refuses an action as filled in, or null: the server's own checks, said before it is asked. */
export function actionProblem(
  action: CaseAction,
  note: string,
  measure: ResolutionMeasure | null,
): 'note_missing' | 'note_too_long' | 'measure_missing' | null {
  const text = note.trim();
  if (ACTIONS_NEEDING_NOTE.has(action) && text.length < NOTE_MIN) return 'note_missing';
  if (text.length > NOTE_MAX) return 'note_too_long';
  if (action === 'resolve' && !measure) return 'measure_missing';
  return null;
}
