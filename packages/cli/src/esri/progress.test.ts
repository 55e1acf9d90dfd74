import { describe, expect, it } from 'vitest';
import { barTemplate, FIRMS } from './progress.js';

describe('progress bar', () => {
  it('shows no time left before the first item is done, since nothing is known to estimate it from', () => {
    expect(barTemplate('ESRI', FIRMS, 0)).not.toMatch(/eta/);
    expect(barTemplate('ESRI', FIRMS, 0)).toMatch(/\{duration_formatted\} elapsed$/);
    expect(barTemplate('ESRI', FIRMS, 1)).toMatch(/\| eta \{eta_formatted\}$/);
  });
});
