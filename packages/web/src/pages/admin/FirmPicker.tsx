import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { type FirmRow, useFirms } from '../../api/chains.js';
import { getJson } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';

/** Waits this long after the last key before asking the server: a name is typed, not searched per key. */
const SEARCH_DELAY_MS = 250;

/**
 * Picks the firm of a firm grant by name or unified social credit code (统一社会信用代码), searched on the
 * server; an administrator does not know the internal firm id the grant stores.
 */
export function FirmPicker({
  value,
  onChange,
  id,
}: {
  value?: number | null;
  onChange?: (firmId: number | null) => void;
  id?: string;
}) {
  const { t, pick } = useI18n();
  const [typed, setTyped] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setTerm(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useFirms({ q: term, page_size: 20 }, term.length >= 2);
  const results = found.data?.items ?? [];
  // The firm already granted (editing a user) is shown by name, not by its id.
  const chosen = useQuery({
    queryKey: ['firm-name', value],
    queryFn: () => getJson<FirmRow>(`/api/v1/firms/${value}`),
    enabled: typeof value === 'number' && !results.some((f) => f.id === value),
    staleTime: Infinity,
  });
  const label = (f: FirmRow) => `${f.name} · ${f.uscc} · ${pick(f.county_name_zh, f.county_name_en)}`;
  const options = results.map((f) => ({ value: f.id, label: label(f) }));
  if (chosen.data && !options.some((o) => o.value === chosen.data.id))
    options.unshift({ value: chosen.data.id, label: label(chosen.data) });
  return (
    <Select<number>
      id={id}
      style={{ width: 360 }}
      showSearch
      allowClear
      filterOption={false}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      onSearch={setTyped}
      loading={found.isFetching}
      options={options}
      aria-label={t('users.firm')}
      placeholder={t('users.firmSearch')}
      notFoundContent={
        term.length < 2
          ? t('users.firmSearchHint')
          : found.isFetching
            ? t('common.loading')
            : found.error
              ? t('users.firmSearchFailed')
              : t('users.firmNone')
      }
      data-testid="grant-firm"
    />
  );
}
