import { DatePicker, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../i18n/i18n.js';
import { useMonth } from '../navigation/useMonth.js';

/** The statistics month, written to the address so that the other dashboards follow it. */
export function MonthPicker() {
  const { t } = useI18n();
  const { month, first, latest, setMonth } = useMonth();
  return (
    <Space>
      <Typography.Text>{t('overview.month')}</Typography.Text>
      <DatePicker
        picker="month"
        allowClear={false}
        data-testid="month-picker"
        value={month ? dayjs(`${month}-01`) : null}
        onChange={(value) => value && setMonth(value.format('YYYY-MM'))}
        aria-label={t('overview.month')}
        // Only months with data: before the first there is nothing to show but zeros.
        disabledDate={(d) =>
          (latest ? d.isAfter(dayjs(`${latest}-01`), 'month') : false) ||
          (first ? d.isBefore(dayjs(`${first}-01`), 'month') : false)
        }
      />
    </Space>
  );
}
