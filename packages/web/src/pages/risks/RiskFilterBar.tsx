import type { CaseLevel, CaseStatus } from '@chainbrain/domain';
import { Button, Flex, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { RiskFilters, RiskKind, RiskSeverity } from '../../api/risks.js';
import { useI18n } from '../../i18n/i18n.js';
import { KIND_LABEL, LEVEL_LABEL, SEVERITY_LABEL, STATUS_LABEL } from './risk-labels.js';
import { hasFilters } from './risk-url.js';
import { usePlaceNames } from './usePlaceNames.js';

const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : String(value));
const flagOf = (value: string | undefined) => (value === undefined ? undefined : value === 'true');

/**
 * The list's filters. Each change is a new address (see useRiskView); the search applies on Enter or the
 * button, not on every key, so that a half-typed name is not a history entry.
 */
export function RiskFilterBar({
  filters,
  onChange,
}: {
  filters: RiskFilters;
  onChange(filters: RiskFilters): void;
}) {
  const { t, pick } = useI18n();
  const { regions, plan } = usePlaceNames();
  const [text, setText] = useState(filters.q ?? '');
  // The box follows the address (back button, a count clicked, filters cleared).
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  const set = <K extends keyof RiskFilters>(key: K, value: RiskFilters[K]) => {
    const next = { ...filters, [key]: value };
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key];
    onChange(next);
  };
  const cities = (regions.data ?? []).filter((r) => r.level === 'city');
  // Each city (all its counties) and then its counties, so that a city office can narrow to one county.
  const regionOptions = cities.map((city) => ({
    label: pick(city.name_zh, city.name_en),
    options: [
      { value: city.code, label: t('risks.filter.wholeCity', { city: pick(city.name_zh, city.name_en) }) },
      ...(regions.data ?? [])
        .filter((r) => r.level === 'county' && r.parent === city.code)
        .map((r) => ({ value: r.code, label: pick(r.name_zh, r.name_en) })),
    ],
  }));
  const select = { allowClear: true, style: { minWidth: 130 } } as const;
  return (
    <Flex wrap gap={8} role="search" aria-label={t('risks.filters')} data-testid="risk-filters">
      <Select<CaseStatus[]>
        {...select}
        mode="multiple"
        style={{ minWidth: 200 }}
        aria-label={t('risks.filter.status')}
        placeholder={t('risks.filter.status')}
        data-testid="risk-filter-status"
        value={filters.status ?? []}
        onChange={(v) => set('status', v)}
        options={(Object.keys(STATUS_LABEL) as CaseStatus[]).map((s) => ({
          value: s,
          label: t(STATUS_LABEL[s]),
        }))}
      />
      <Select<CaseLevel>
        {...select}
        aria-label={t('risks.filter.level')}
        placeholder={t('risks.filter.level')}
        value={filters.level}
        onChange={(v) => set('level', v)}
        options={(Object.keys(LEVEL_LABEL) as CaseLevel[]).map((l) => ({
          value: l,
          label: t(LEVEL_LABEL[l]),
        }))}
      />
      <Select<RiskKind>
        {...select}
        style={{ minWidth: 150 }}
        aria-label={t('risks.filter.kind')}
        placeholder={t('risks.filter.kind')}
        value={filters.kind}
        onChange={(v) => set('kind', v)}
        options={(Object.keys(KIND_LABEL) as RiskKind[]).map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
      />
      <Select<RiskSeverity>
        {...select}
        aria-label={t('risks.filter.severity')}
        placeholder={t('risks.filter.severity')}
        value={filters.severity}
        onChange={(v) => set('severity', v)}
        options={(Object.keys(SEVERITY_LABEL) as RiskSeverity[]).map((s) => ({
          value: s,
          label: t(SEVERITY_LABEL[s]),
        }))}
      />
      <Select<string>
        {...select}
        style={{ minWidth: 170 }}
        aria-label={t('risks.filter.chain')}
        placeholder={t('risks.filter.chain')}
        value={filters.chain}
        onChange={(v) => set('chain', v)}
        options={(plan.data?.chains ?? []).map((c) => ({ value: c.id, label: pick(c.name_zh, c.name_en) }))}
      />
      <Select<string>
        {...select}
        showSearch
        optionFilterProp="label"
        style={{ minWidth: 170 }}
        aria-label={t('risks.filter.region')}
        placeholder={t('risks.filter.region')}
        data-testid="risk-filter-region"
        value={filters.region}
        onChange={(v) => set('region', v)}
        options={regionOptions}
      />
      <Select<string>
        {...select}
        aria-label={t('risks.filter.overdue')}
        placeholder={t('risks.filter.overdue')}
        value={yesNo(filters.overdue)}
        onChange={(v) => set('overdue', flagOf(v))}
        options={[
          { value: 'true', label: t('risks.filter.overdueYes') },
          { value: 'false', label: t('risks.filter.overdueNo') },
        ]}
      />
      <Select<string>
        {...select}
        style={{ minWidth: 170 }}
        aria-label={t('risks.filter.condition')}
        placeholder={t('risks.filter.condition')}
        value={yesNo(filters.cleared)}
        onChange={(v) => set('cleared', flagOf(v))}
        options={[
          { value: 'false', label: t('risks.filter.holds') },
          { value: 'true', label: t('risks.filter.cleared') },
        ]}
      />
      <Input.Search
        allowClear
        style={{ width: 220 }}
        maxLength={100}
        aria-label={t('risks.filter.search')}
        placeholder={t('risks.filter.search')}
        data-testid="risk-filter-q"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(value) => set('q', value.trim() || undefined)}
      />
      {hasFilters(filters) && (
        <Button onClick={() => onChange({})} data-testid="risk-filter-clear">
          {t('risks.filter.clear')}
        </Button>
      )}
    </Flex>
  );
}
