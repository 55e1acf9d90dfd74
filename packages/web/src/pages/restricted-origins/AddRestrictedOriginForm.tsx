import { Alert, Button, Form, Input } from 'antd';
import { type NewRestrictedOrigin, useAddRestrictedOrigin } from '../../api/restricted-origins.js';
import { errorText } from '../../components/ErrorNotice.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * Adds an entry (province administrators). The codes are checked by the server with the engine's own
 * checks, whose bilingual message names the bad value; the form only asks for what is required.
 */
export function AddRestrictedOriginForm() {
  const { t, pick } = useI18n();
  const add = useAddRestrictedOrigin();
  const [form] = Form.useForm<NewRestrictedOrigin>();
  return (
    <Form<NewRestrictedOrigin>
      form={form}
      layout="vertical"
      data-testid="restricted-add-form"
      onFinish={(values) =>
        add.mutate(
          { ...values, hs: values.hs?.trim() || null, note: values.note?.trim() || null },
          { onSuccess: () => form.resetFields() },
        )
      }
      style={{ maxWidth: 720 }}
    >
      <Form.Item
        name="country"
        label={t('restricted.country')}
        extra={t('restricted.countryHelp')}
        rules={[{ required: true, whitespace: true, message: t('restricted.countryRequired') }]}
      >
        <Input maxLength={10} style={{ width: 120 }} data-testid="restricted-country" />
      </Form.Item>
      <Form.Item name="hs" label={t('restricted.hs')} extra={t('restricted.hsHelp')}>
        <Input maxLength={20} style={{ width: 200 }} data-testid="restricted-hs" />
      </Form.Item>
      <Form.Item
        name="source"
        label={t('restricted.source')}
        extra={t('restricted.sourceHelp')}
        rules={[{ required: true, whitespace: true, max: 200, message: t('restricted.sourceRequired') }]}
      >
        <Input maxLength={200} data-testid="restricted-source" />
      </Form.Item>
      <Form.Item name="note" label={t('restricted.note')} rules={[{ max: 500 }]}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="restricted-note" />
      </Form.Item>
      {add.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="restricted-add-error"
          title={errorText(add.error, pick)}
        />
      ) : null}
      <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="restricted-add">
        {t('restricted.add')}
      </Button>
    </Form>
  );
}
