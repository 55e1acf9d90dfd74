import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/messages.en.js';
import { type MessageKey, zh } from '../../i18n/messages.zh.js';
import { firmRuleText, listedAsText, nodeRuleText } from './risk-rule-text.js';

/** The app's own translate, without React. */
const translate =
  (messages: Record<MessageKey, string>) => (key: MessageKey, values?: Record<string, string | number>) =>
    messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? ''));
const t = translate(zh);

describe('firmRuleText', () => {
  it('says each rule of a firm’s input with its value and threshold', () => {
    expect(
      firmRuleText(t, { rule: 'single_source', value: 1, comparison: '>=', threshold: 0.8, fired: true }),
    ).toBe('最大来源占比 100.0% ≥ 80.0%');
    expect(
      firmRuleText(t, { rule: 'foreign_share', value: 0.623, comparison: '>', threshold: 0.5, fired: true }),
    ).toBe('境外占比 62.3% > 50.0%');
    expect(
      firmRuleText(t, { rule: 'no_qualified_backup', value: 0, comparison: '<', threshold: 1, fired: true }),
    ).toBe('已合格备份供应商 0 家 < 1 家');
    expect(
      firmRuleText(t, {
        rule: 'slow_switch_over',
        value: null,
        comparison: '>',
        threshold: 12,
        fired: false,
      }),
    ).toBe('备份切换周期 未登记 > 12 周');
    expect(
      firmRuleText(translate(en), {
        rule: 'slow_switch_over',
        value: 16,
        comparison: '>',
        threshold: 12,
        fired: true,
      }),
    ).toBe('Switch-over to the backup 16 weeks > 12 weeks');
  });
});

describe('nodeRuleText', () => {
  const findings = { held_in: ['2023', '2025'], persistence: { k: 2, n: 3 } };
  it('says the screen’s rules as the chain page’s drawer does', () => {
    expect(
      nodeRuleText(
        t,
        'zh',
        { rule: 'hhi', value: 0.4029, comparison: '>', threshold: 0.4, fired: true },
        findings,
      ),
    ).toBe('HHI 0.403 > 0.40');
    expect(
      nodeRuleText(
        t,
        'zh',
        { rule: 'import_dependence', value: 0.76, comparison: '>', threshold: 0.5, fired: true },
        findings,
      ),
    ).toBe('进口依存度 76.0% > 50.0%');
    expect(
      nodeRuleText(
        t,
        'zh',
        { rule: 'persistence', value: 2, comparison: '>=', threshold: 2, fired: true },
        findings,
      ),
    ).toBe('3 年中 2 年触发（2023、2025），≥ 2 年');
  });

  it('does not print the engine’s stand-in for no exports as a ratio', () => {
    expect(
      nodeRuleText(
        t,
        'zh',
        { rule: 'imports_exports', value: 9999, comparison: '>', threshold: 1, fired: true },
        findings,
      ),
    ).toBe('进口 ÷ 出口 ≥ 9,999 > 1');
  });
});

describe('listedAsText', () => {
  it('names the size and the plan’s tags', () => {
    expect(listedAsText(t, { size_class: 'large', tags: ['链主'] }, (tag) => tag, 'zh')).toBe(
      '大型企业、链主',
    );
    expect(listedAsText(t, { size_class: null, tags: ['专精特新'] }, (tag) => tag, 'zh')).toBe('专精特新');
  });
});
