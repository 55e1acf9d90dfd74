import { App, Button } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { errorText } from './ErrorNotice.js';

/**
 * 导出 Excel: the table on screen as a spreadsheet, in the reader's language, with the same figures and
 * the same withheld cells (the server builds it from the same use case as the page).
 */
export function ExportButton({ path, testId }: { path: string; testId?: string }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadFile(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
    } catch (error) {
      message.error(errorText(error, pick));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={run} loading={busy} data-testid={testId}>
      {t('common.exportExcel')}
    </Button>
  );
}
