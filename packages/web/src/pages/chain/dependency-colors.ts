import type { NodeDependency } from '../../api/chains.js';
import type { MessageKey } from '../../i18n/messages.zh.js';

/** What the map says of a node's import dependency, from its screen (ADR 0019). */
export type DependencyClass = 'dependent' | 'some_years' | 'clear' | 'undecided';

/** Red for a persistent dependence, orange for years that fired without persisting, as on the drawer. */
export const DEPENDENCY_COLORS: Record<DependencyClass, string> = {
  dependent: '#cf1322',
  some_years: '#fa8c16',
  clear: '#389e0d',
  undecided: '#bfbfbf',
};

export const DEPENDENCY_LABELS: Record<DependencyClass, MessageKey> = {
  dependent: 'dependency.flagged',
  some_years: 'dependency.someYears',
  clear: 'dependency.clear',
  undecided: 'dependency.undecided',
};

/** A node's class; a screen not yet loaded is undecided (drawn neutral, never as "clear"). */
export function dependencyClass(screen: NodeDependency | undefined): DependencyClass {
  if (!screen || screen.flagged === null) return 'undecided';
  if (screen.flagged) return 'dependent';
  return screen.held_in.length > 0 ? 'some_years' : 'clear';
}
