import * as domain from '@chainbrain/domain';
import { describe, expect, it } from 'vitest';
import {
  ACTION_ORDER,
  ACTIONS_NEEDING_NOTE,
  actionProblem,
  NOTE_MAX,
  NOTE_MIN,
  RESOLUTION_MEASURES,
} from './case-rules.js';

describe('the action form’s copy of the case workflow', () => {
  it('is the domain’s', () => {
    expect([...ACTIONS_NEEDING_NOTE].sort()).toEqual([...domain.ACTIONS_NEEDING_NOTE].sort());
    expect(NOTE_MIN).toBe(domain.NOTE_MIN);
    expect(NOTE_MAX).toBe(domain.NOTE_MAX);
    expect(RESOLUTION_MEASURES).toEqual(domain.RESOLUTION_MEASURES);
    expect([...ACTION_ORDER].sort()).toEqual([...domain.CASE_ACTIONS].sort());
  });
});

describe('actionProblem', () => {
  it('asks for a note where the server does, blanks not counting', () => {
    expect(actionProblem('resolve', ' x ', 'new_supplier')).toBe('note_missing');
    expect(actionProblem('comment', '', null)).toBe('note_missing');
    expect(actionProblem('acknowledge', '', null)).toBeNull();
    expect(actionProblem('confirm', '', null)).toBeNull();
  });

  it('asks for a measure to resolve, and refuses a note longer than the server takes', () => {
    expect(actionProblem('resolve', '已启用备份', null)).toBe('measure_missing');
    expect(actionProblem('resolve', '已启用备份', 'new_supplier')).toBeNull();
    expect(actionProblem('comment', 'x'.repeat(NOTE_MAX + 1), null)).toBe('note_too_long');
  });
});
