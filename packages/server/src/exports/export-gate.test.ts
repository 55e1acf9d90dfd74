import { describe, expect, it } from 'vitest';
import { createExportGate } from './export-gate.js';

describe('export gate', () => {
  it('lets one export per user and two in all run at once, and frees the slots', () => {
    const gate = createExportGate(2);
    gate.enter(1);
    expect(() => gate.enter(1)).toThrow(/previous export/);
    gate.enter(2);
    expect(() => gate.enter(3)).toThrow(/Too many exports/);
    gate.leave(1);
    gate.enter(3);
    gate.leave(2);
    gate.leave(3);
    gate.enter(1);
  });
});
