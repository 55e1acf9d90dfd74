import { API_TOKEN_LIMITS } from '@chainbrain/domain/api-token-limits';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { type ApiToken, useCreateToken, useMe, useRevokeToken, useTokens } from '../../api/auth.js';
import { ErrorNotice, errorText } from '../../components/ErrorNotice.js';
import { formatTimestamp, parseTimestamp } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';

/** Permissions that change data: only their holders are offered tokens that write. */
const WRITE_PERMISSIONS: readonly string[] = ['users:manage', 'plans:manage', 'analysis:run'];

/** Whether a token's expiry has passed. */
function isExpired(expiresAt: string): boolean {
  const time = parseTimestamp(expiresAt).getTime();
  return !Number.isNaN(time) && time <= Date.now();
}

type NewToken = { name: string; scope: 'read' | 'write'; expires_in_days: number };

export default function TokensPage() {
  const { t, pick } = useI18n();
  usePageTitle(t('tokens.title'));
  const tokens = useTokens();
  const create = useCreateToken();
  const me = useMe();
  const mayWrite = (me.data?.permissions ?? []).some((p) => WRITE_PERMISSIONS.includes(p));
  const revoke = useRevokeToken();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<NewToken>();
  const date = (value: string | null) => (value ? formatTimestamp(value, false) : t('common.never'));

  if (tokens.error) return <ErrorNotice error={tokens.error} onRetry={() => tokens.refetch()} />;
  const live = (tokens.data ?? []).filter(
    (token) => !token.revoked_at && !isExpired(token.expires_at),
  ).length;
  const atLimit = live >= API_TOKEN_LIMITS.maxLive;
  return (
    <Card
      title={t('tokens.title')}
      extra={
        <Button
          type="primary"
          // The server refuses a token over the limit; the button says so before the form is filled in.
          disabled={atLimit}
          title={atLimit ? t('tokens.atLimit', { max: API_TOKEN_LIMITS.maxLive }) : undefined}
          onClick={() => {
            create.reset(); // the last attempt's refusal is not this one's
            setOpen(true);
          }}
          data-testid="token-new"
        >
          {t('tokens.new')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('tokens.usage')}</Typography.Paragraph>
      <Typography.Paragraph type={atLimit ? 'warning' : 'secondary'} data-testid="token-limit">
        {atLimit
          ? t('tokens.atLimit', { max: API_TOKEN_LIMITS.maxLive })
          : t('tokens.limit', { live, max: API_TOKEN_LIMITS.maxLive })}
      </Typography.Paragraph>
      <Table<ApiToken>
        rowKey="id"
        loading={tokens.isPending}
        dataSource={tokens.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        footer={() => (
          <Typography.Text type="secondary">
            {t('tokens.endedNote', { count: API_TOKEN_LIMITS.endedShown })}
          </Typography.Text>
        )}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          {
            title: t('tokens.scope'),
            dataIndex: 'scope',
            render: (s: string) => (s === 'read' ? t('tokens.read') : t('tokens.write')),
          },
          { title: t('tokens.created'), dataIndex: 'created_at', render: date },
          { title: t('tokens.expires'), dataIndex: 'expires_at', render: date },
          { title: t('tokens.lastUsed'), dataIndex: 'last_used_at', render: date },
          {
            // Revoke, or the token's state: a header says what the column holds (an empty one named nothing).
            title: t('common.actions'),
            render: (_, token) =>
              token.revoked_at ? (
                <Tag>{t('tokens.revoked')}</Tag>
              ) : isExpired(token.expires_at) ? (
                // An expired token no longer works; revoking it would change nothing.
                <Tag data-testid="token-expired">{t('tokens.expired')}</Tag>
              ) : (
                <Popconfirm
                  title={t('tokens.revokeConfirm')}
                  description={t('tokens.revokeConfirmText')}
                  okText={t('tokens.revoke')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke.mutate(token.id)}
                >
                  <Button danger size="small">
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('tokens.new')}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<NewToken>
          form={form}
          layout="vertical"
          initialValues={{ scope: 'read', expires_in_days: 90 }}
          onFinish={(values) =>
            create.mutate(values, {
              onSuccess: (created) => {
                setOpen(false);
                setSecret(created.token);
                form.resetFields();
              },
            })
          }
        >
          <Form.Item
            name="name"
            label={t('tokens.name')}
            rules={[{ required: true, whitespace: true, max: 100 }]}
          >
            <Input data-testid="token-name" />
          </Form.Item>
          <Form.Item name="scope" label={t('tokens.scope')}>
            <Select
              // Writing only for roles that may change something: a viewer's write token could do nothing more.
              options={[
                { value: 'read', label: t('tokens.read') },
                ...(mayWrite ? [{ value: 'write', label: t('tokens.write') }] : []),
              ]}
            />
          </Form.Item>
          <Form.Item name="expires_in_days" label={t('tokens.expiresInDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={366} />
          </Form.Item>
          {create.error && <Alert type="error" title={errorText(create.error, pick)} />}
        </Form>
      </Modal>
      <Modal
        open={secret !== null}
        title={t('tokens.new')}
        onOk={() => setSecret(null)}
        onCancel={() => setSecret(null)}
        okText={t('common.ok')}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('tokens.shownOnce')}</Typography.Text>
          <Typography.Text code copyable data-testid="token-secret">
            {secret}
          </Typography.Text>
        </Space>
      </Modal>
    </Card>
  );
}
