import { Alert, Button, Card, Checkbox, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useChangePassword, useMe } from '../../api/auth.js';
import { passwordRulesValidator } from '../../auth/password-check.js';
import { errorText } from '../../components/ErrorNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';

type PasswordForm = { current: string; next: string; again: string; revokeTokens: boolean };

/**
 * The signed-in user's own password. The rules are checked as the user types, with the server's own
 * function, so the reasons read the same as the server's refusal would.
 */
export default function PasswordPage() {
  const { t, pick } = useI18n();
  usePageTitle(t('password.title'));
  const me = useMe();
  const change = useChangePassword();
  const navigate = useNavigate();
  const [done, setDone] = useState<{ sessions: number; tokens: number } | null>(null);
  const [form] = Form.useForm<PasswordForm>();
  const due = me.data?.must_change_password ?? false;
  const username = me.data?.username ?? '';

  const submit = (values: PasswordForm) =>
    change.mutate(
      { current_password: values.current, new_password: values.next, revoke_tokens: values.revokeTokens },
      {
        onSuccess: (result) => {
          setDone({ sessions: result.ended_sessions, tokens: result.revoked_tokens });
          form.resetFields();
          // The first change opens the system: go where a signed-in user starts.
          if (due) navigate('/', { replace: true });
        },
      },
    );

  return (
    <Card title={t('password.title')} style={{ maxWidth: 560 }}>
      {due && (
        <Alert
          type="warning"
          showIcon
          title={t('password.due')}
          style={{ marginBottom: 16 }}
          data-testid="password-due"
        />
      )}
      <Form<PasswordForm>
        form={form}
        layout="vertical"
        initialValues={{ revokeTokens: true }}
        onFinish={submit}
        onValuesChange={() => {
          change.reset();
          setDone(null);
        }}
      >
        <Form.Item name="current" label={t('password.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="next"
          label={t('password.new')}
          extra={t('users.passwordHelp')}
          dependencies={['current']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value && value === getFieldValue('current')
                  ? Promise.reject(new Error(t('password.same')))
                  : Promise.resolve(),
            }),
            { validator: passwordRulesValidator(() => username, pick) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="again"
          label={t('password.confirm')}
          dependencies={['next']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('next')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-again" />
        </Form.Item>
        <Form.Item name="revokeTokens" valuePropName="checked" extra={t('password.revokeTokensHelp')}>
          <Checkbox data-testid="password-revoke-tokens">{t('password.revokeTokens')}</Checkbox>
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('password.otherSessions')}</Typography.Paragraph>
        {done && (
          <Alert
            type="success"
            showIcon
            title={t('password.done', done)}
            style={{ marginBottom: 16 }}
            data-testid="password-done"
          />
        )}
        {change.error && (
          <Alert
            type="error"
            title={errorText(change.error, pick)}
            style={{ marginBottom: 16 }}
            data-testid="password-error"
          />
        )}
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
