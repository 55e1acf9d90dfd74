import { ROLE_NAMES, type Role } from '@chainbrain/domain/roles';
import { Alert, Button, Card, Form, Input, List, Tag, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuthConfig, useLogin, useMe } from '../../api/auth.js';
import { errorText } from '../../components/ErrorNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';

type Credentials = { username: string; password: string };

export default function LoginPage() {
  const { t, pick, lang, setLang } = useI18n();
  usePageTitle(t('login.title'));
  const [form] = Form.useForm<Credentials>();
  const login = useLogin();
  const me = useMe();
  const config = useAuthConfig();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next') ?? '/';
  const safeNext = next.startsWith('/') && !next.startsWith('//') ? next : '/';

  if (me.data) return <Navigate to={safeNext} replace />;

  const submit = (values: Credentials) =>
    login.mutate(values, { onSuccess: () => navigate(safeNext, { replace: true }) });
  const fillDemo = (username: string) =>
    form.setFieldsValue({ username, password: config.data?.demo_password ?? '' });

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: '#f0f2f5',
        padding: 16,
      }}
    >
      <div style={{ width: 420, maxWidth: '100%' }}>
        <Card
          title={t('login.title')}
          extra={
            <Button
              type="link"
              data-testid="lang-switch"
              // "English" / "中文" in its own language (WCAG 3.1.2).
              lang={lang === 'zh' ? 'en' : 'zh-CN'}
              onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            >
              {t('lang.switch')}
            </Button>
          }
        >
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true }]}>
              <Input autoComplete="username" data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            {login.error && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 16 }}
                title={errorText(login.error, pick)}
                data-testid="login-error"
              />
            )}
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={login.isPending}
              data-testid="login-submit"
            >
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        {config.data?.demo && (
          <Card
            size="small"
            style={{ marginTop: 16 }}
            title={t('login.demoTitle', { password: config.data.demo_password ?? '' })}
          >
            <Typography.Text type="secondary">{t('login.demoHint')}</Typography.Text>
            <List
              size="small"
              data-testid="demo-accounts"
              dataSource={config.data.demo_accounts}
              renderItem={(account) => (
                // A list item holding a real button: the item itself as role="button" left the list with
                // no items for a screen reader, and a button needs no key handling of its own.
                <List.Item>
                  <button
                    type="button"
                    className="demo-account focus-ring"
                    onClick={() => fillDemo(account.username)}
                  >
                    <code>{account.username}</code>
                    <span>
                      {account.display_name}{' '}
                      <Tag>
                        {ROLE_NAMES[account.role as Role]
                          ? pick(ROLE_NAMES[account.role as Role].zh, ROLE_NAMES[account.role as Role].en)
                          : account.role}
                      </Tag>
                    </span>
                  </button>
                </List.Item>
              )}
            />
          </Card>
        )}
      </div>
    </main>
  );
}
