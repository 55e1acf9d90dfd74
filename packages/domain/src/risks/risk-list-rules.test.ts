import { describe, expect, it } from 'vitest';
import {
  firmInputSeverity,
  listedFirmReason,
  moreSevere,
  restrictedOriginSeverity,
} from './risk-list-rules.js';

describe('the risk list’s entry and severity rules', () => {
  it('watches large firms and the firms the plan names, and says why', () => {
    expect(listedFirmReason({ sizeClass: 'large', tags: [] })).toEqual({ sizeClass: 'large', tags: [] });
    expect(listedFirmReason({ sizeClass: 'small', tags: ['专精特新', '其他'] })).toEqual({
      sizeClass: null,
      tags: ['专精特新'],
    });
    expect(listedFirmReason({ sizeClass: 'medium', tags: [] })).toBeNull();
  });

  it('rates high only an input with no backup that comes mostly from abroad or feeds a leading firm', () => {
    const none = { backupStatus: 'none', foreignFired: false, tags: [] as string[] };
    expect(firmInputSeverity(none)).toBe('medium');
    expect(firmInputSeverity({ ...none, foreignFired: true })).toBe('high');
    expect(firmInputSeverity({ ...none, tags: ['链主'] })).toBe('high');
    expect(firmInputSeverity({ ...none, tags: ['专精特新'] })).toBe('medium');
    expect(firmInputSeverity({ ...none, backupStatus: 'in_qualification', foreignFired: true })).toBe(
      'medium',
    );
  });

  it('rates a restricted origin high from half the input on, and keeps the higher of two severities', () => {
    expect(restrictedOriginSeverity(0.5)).toBe('high');
    expect(restrictedOriginSeverity(1)).toBe('high');
    expect(restrictedOriginSeverity(0.4999)).toBe('medium');
    expect(restrictedOriginSeverity(0.01)).toBe('medium');
    expect(moreSevere('medium', 'high')).toBe('high');
    expect(moreSevere('medium', 'medium')).toBe('medium');
  });
});
