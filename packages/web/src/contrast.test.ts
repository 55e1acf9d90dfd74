import { describe, expect, it } from 'vitest';
import { contrastRatio, DARK_TEXT, LIGHT_TEXT, readableTextOn, relativeLuminance } from './contrast.js';

describe('WCAG contrast', () => {
  it('gives the ratios the standard gives', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
    // antd's default secondary text (45% black on white is #8c8c8c) fails 4.5:1; the theme's #666 passes.
    expect(contrastRatio('#8c8c8c', '#ffffff')).toBeCloseTo(3.36, 2);
    expect(contrastRatio('#666666', '#ffffff')).toBeCloseTo(5.74, 2);
    expect(contrastRatio('rgba(29, 78, 216, 1)', '#fff')).toBeCloseTo(contrastRatio('#1d4ed8', '#fff'), 10);
  });

  it('reads the luminance of either way of writing a colour alike', () => {
    expect(relativeLuminance('#abc')).toBe(relativeLuminance('#aabbcc'));
    expect(relativeLuminance('rgb(170,187,204)')).toBe(relativeLuminance('#aabbcc'));
    expect(() => relativeLuminance('blue')).toThrow(/not an sRGB colour/);
  });

  it('writes white on the dark end of a scale and dark text on the light end, at 4.5:1 or more', () => {
    // The ends and the middle of the regions' scales (region-scale.ts).
    for (const background of ['#e6f4ff', '#1d4ed8', '#389e0d', '#fffbe6', '#cf1322', '#82a1ea', '#f0f0f0']) {
      const text = readableTextOn(background);
      expect(contrastRatio(text, background), background).toBeGreaterThanOrEqual(4.5);
    }
    // Any colour at all: a ramp of greys and of each primary, 4.58:1 at the worst.
    const hex = (v: number) => v.toString(16).padStart(2, '0');
    for (let v = 0; v < 256; v++) {
      for (const background of [
        `#${hex(v)}${hex(v)}${hex(v)}`,
        `#${hex(v)}0000`,
        `#00${hex(v)}00`,
        `#0000${hex(v)}`,
      ]) {
        expect(contrastRatio(readableTextOn(background), background), background).toBeGreaterThanOrEqual(4.5);
      }
    }
    expect(readableTextOn('#1d4ed8')).toBe(LIGHT_TEXT);
    expect(readableTextOn('#e6f4ff')).toBe(DARK_TEXT);
  });
});
