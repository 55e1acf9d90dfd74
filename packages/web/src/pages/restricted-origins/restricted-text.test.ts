import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/messages.en.js';
import { type MessageKey, zh } from '../../i18n/messages.zh.js';
import { firmRuleText } from '../risks/risk-rule-text.js';
import { entryText, matchText } from './restricted-text.js';

const translate =
  (messages: Record<MessageKey, string>) => (key: MessageKey, values?: Record<string, string | number>) =>
    messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? ''));

describe('restricted-origin texts', () => {
  it('says an entry with its source, and an embargo as every product', () => {
    const t = translate(zh);
    expect(entryText(t, 'zh', { country: 'US', hs: '854231', source: 'US EAR ECCN 3A090, 2022-10' })).toBe(
      'US 854231（US EAR ECCN 3A090, 2022-10）',
    );
    expect(entryText(translate(en), 'en', { country: 'KP', hs: '', source: null })).toBe(
      'KP (every product)',
    );
  });

  it('says a match with its origin, code, amount and entries, and the rules with their values', () => {
    const t = translate(en);
    const entries = [{ country: 'US', hs: '854231', source: 'EAR' }];
    expect(
      matchText(t, 'en', { origin: 'United States', hs: '8542', amount: '2.00 CNY 100M', entries }),
    ).toBe('United States 8542: 2.00 CNY 100M, against US 854231 (EAR)');
    expect(matchText(translate(zh), 'zh', { origin: null, hs: '', amount: '1.00 亿元', entries })).toBe(
      '来源国不明 （无编码）：1.00 亿元，对应 US 854231（EAR）',
    );
    expect(
      firmRuleText(translate(zh), {
        rule: 'restricted_origin',
        value: 0.25,
        comparison: '>',
        threshold: 0,
        fired: true,
      }),
    ).toBe('限制来源占比 25.0% > 0.0%');
    expect(
      firmRuleText(t, {
        rule: 'restricted_origin_unclear',
        value: 0,
        comparison: '>',
        threshold: 0,
        fired: false,
      }),
    ).toBe('Share that may be from restricted origins 0.0% > 0.0%');
  });
});
