import { GRANT_BINDING } from '@chainbrain/domain/roles';
import { Alert, Button, Card, Form, Input, Modal, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  type GrantInput,
  type GrantView,
  type UserView,
  useCreateUser,
  useUpdateUser,
  useUsers,
} from '../../api/auth.js';
import { passwordRulesValidator } from '../../auth/password-check.js';
import { ErrorNotice, errorText } from '../../components/ErrorNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { useGrantLabel } from '../../layout/UserMenu.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';
import { GrantsEditor } from './GrantsEditor.js';

type UserForm = {
  username: string;
  display_name: string;
  password?: string;
  is_active?: boolean;
  grants: GrantInput[];
};

const toInputs = (grants: GrantView[]): GrantInput[] =>
  grants.map((g) => ({ role: g.role, region_code: g.region_code, chain_id: g.chain_id, firm_id: g.firm_id }));

/** Only the field the role is bound by: one chosen before the role was changed stays hidden in the form. */
const cleanGrants = (grants: GrantInput[] = []): GrantInput[] =>
  grants.map((g) => {
    const binding = GRANT_BINDING[g.role];
    return {
      role: g.role,
      region_code: binding === 'region_code' ? (g.region_code ?? null) : null,
      chain_id: binding === 'chain_id' ? (g.chain_id ?? null) : null,
      firm_id: binding === 'firm_id' ? (g.firm_id ?? null) : null,
    };
  });

export default function UsersPage() {
  const { t, pick } = useI18n();
  usePageTitle(t('users.title'));
  const users = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const grantLabel = useGrantLabel();
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  /** Whether the last change was saved: the dialog closes, so the page says so. */
  const [saved, setSaved] = useState(false);
  const [form] = Form.useForm<UserForm>();

  const openEditor = (user: UserView | 'new') => {
    // A refusal from the last attempt belongs to that attempt, not to the next dialog.
    create.reset();
    update.reset();
    setSaved(false);
    setEditing(user);
    form.setFieldsValue(
      user === 'new'
        ? {
            username: '',
            display_name: '',
            password: '',
            grants: [{ role: 'viewer', region_code: null, chain_id: null, firm_id: null }],
          }
        : {
            username: user.username,
            display_name: user.display_name,
            password: '',
            is_active: user.is_active,
            grants: toInputs(user.grants),
          },
    );
  };
  const save = (values: UserForm) => {
    const done = {
      onSuccess: () => {
        setEditing(null);
        setSaved(true);
      },
    };
    if (editing === 'new') {
      create.mutate(
        {
          username: values.username,
          display_name: values.display_name,
          password: values.password ?? '',
          grants: cleanGrants(values.grants),
        },
        done,
      );
    } else if (editing) {
      update.mutate(
        {
          id: editing.id,
          display_name: values.display_name,
          is_active: values.is_active ?? true,
          grants: cleanGrants(values.grants),
          ...(values.password ? { password: values.password } : {}),
        },
        done,
      );
    }
  };
  const mutationError = editing === 'new' ? create.error : update.error;

  if (users.error) return <ErrorNotice error={users.error} onRetry={() => users.refetch()} />;
  return (
    <Card
      title={t('users.title')}
      extra={
        <Button type="primary" onClick={() => openEditor('new')} data-testid="user-new">
          {t('users.new')}
        </Button>
      }
    >
      {saved && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setSaved(false)}
          title={t('users.saved')}
          data-testid="user-saved"
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<UserView>
        rowKey="id"
        data-testid="users-table"
        loading={users.isPending}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('users.username'),
            dataIndex: 'username',
            render: (u: string, row) => (
              <>
                {u} {row.is_demo && <Tag>{t('users.demo')}</Tag>}
                {row.must_change_password && (
                  <Tag color="orange" data-testid="user-must-change">
                    {t('users.mustChange')}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t('users.displayName'), dataIndex: 'display_name' },
          {
            title: t('users.grants'),
            dataIndex: 'grants',
            render: (grants: GrantView[]) =>
              grants.map((g) => (
                <Tag key={`${g.role}:${g.region_code}:${g.chain_id}:${g.firm_id}`}>{grantLabel(g)}</Tag>
              )),
          },
          {
            title: t('users.active'),
            dataIndex: 'is_active',
            render: (active: boolean) =>
              active ? <Tag color="green">{t('users.isActive')}</Tag> : <Tag>{t('users.inactive')}</Tag>,
          },
          {
            // A column of buttons still has a header: an empty one left its cells unnamed to a screen reader.
            title: t('common.actions'),
            render: (_, user) => (
              <Button size="small" onClick={() => openEditor(user)}>
                {t('users.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        width={720}
        title={editing === 'new' ? t('users.new') : t('users.edit')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending || update.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<UserForm> form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[
              { required: true, pattern: /^[a-z0-9][a-z0-9._-]{2,63}$/, message: t('users.usernameRule') },
            ]}
          >
            <Input disabled={editing !== 'new'} data-testid="user-username" />
          </Form.Item>
          <Form.Item
            name="display_name"
            label={t('users.displayName')}
            rules={[{ required: true, whitespace: true, max: 100 }]}
          >
            <Input data-testid="user-display-name" />
          </Form.Item>
          <Form.Item
            name="password"
            label={editing === 'new' ? t('users.password') : t('users.newPassword')}
            extra={`${t('users.passwordHelp')}${pick('。', '. ')}${t('users.passwordDueNote')}`}
            dependencies={['username']}
            rules={[
              { required: editing === 'new' },
              // The server's own rules, checked as the administrator types (the server checks again).
              ({ getFieldValue }) => ({
                validator: passwordRulesValidator(() => getFieldValue('username') ?? '', pick),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="is_active" label={t('users.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
          <Typography.Text strong>{t('users.grants')}</Typography.Text>
          <GrantsEditor />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('users.sessionsEnded')}
          </Typography.Paragraph>
          {mutationError && (
            <Alert type="error" title={errorText(mutationError, pick)} data-testid="user-error" />
          )}
        </Form>
      </Modal>
    </Card>
  );
}
