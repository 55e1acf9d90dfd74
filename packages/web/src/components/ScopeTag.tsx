import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/i18n.js';

/**
 * Says whose figures a dashboard shows: the whole province, whatever the reader's own region or chain
 * (firm lists, by contrast, follow the reader's scope), with what is hidden and why on hover.
 */
export function ScopeTag() {
  const { t } = useI18n();
  return (
    <Tooltip title={t('scope.provinceWideHelp')}>
      <Tag color="blue" data-testid="scope-tag">
        {t('scope.provinceWide')}
      </Tag>
    </Tooltip>
  );
}
