import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLE_NAMES, ROLES } from '@chainbrain/domain/roles';
import { Button, Form, Select, Space } from 'antd';
import { PLAN_ID, usePlan } from '../../api/plans.js';
import { useRegions } from '../../api/reference.js';
import { useI18n } from '../../i18n/i18n.js';
import { FirmPicker } from './FirmPicker.js';

/**
 * Form list of (role, region, chain, firm) grants; shows only the field each role needs. Every rule says
 * which field is missing: antd's default text for a field in a list read "请输入0,region_code".
 */
export function GrantsEditor() {
  const { t, pick } = useI18n();
  const regions = useRegions();
  const plan = usePlan(PLAN_ID);
  const cities = (regions.data ?? []).filter((r) => r.level === 'city');
  const counties = (regions.data ?? []).filter((r) => r.level === 'county');
  return (
    <Form.List name="grants">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" wrap>
              <Form.Item
                name={[field.name, 'role']}
                rules={[{ required: true, message: t('users.roleRequired') }]}
              >
                <Select
                  style={{ width: 170 }}
                  aria-label={t('users.role')}
                  placeholder={t('users.role')}
                  options={ROLES.map((role) => ({
                    value: role,
                    label: pick(ROLE_NAMES[role].zh, ROLE_NAMES[role].en),
                  }))}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const role = getFieldValue(['grants', field.name, 'role']);
                  if (role === 'city' || role === 'county') {
                    const options = (role === 'city' ? cities : counties).map((r) => ({
                      value: r.code,
                      label: `${pick(r.name_zh, r.name_en)} ${r.code}`,
                    }));
                    return (
                      <Form.Item
                        name={[field.name, 'region_code']}
                        rules={[
                          {
                            required: true,
                            message: t(role === 'city' ? 'users.cityRequired' : 'users.countyRequired'),
                          },
                        ]}
                      >
                        <Select
                          style={{ width: 220 }}
                          showSearch
                          optionFilterProp="label"
                          aria-label={t('users.region')}
                          placeholder={t('users.region')}
                          options={options}
                        />
                      </Form.Item>
                    );
                  }
                  if (role === 'chain_leader') {
                    return (
                      <Form.Item
                        name={[field.name, 'chain_id']}
                        rules={[{ required: true, message: t('users.chainRequired') }]}
                      >
                        <Select
                          style={{ width: 220 }}
                          aria-label={t('users.chainId')}
                          placeholder={t('users.chainId')}
                          options={(plan.data?.chains ?? []).map((c) => ({
                            value: c.id,
                            label: pick(c.name_zh, c.name_en),
                          }))}
                        />
                      </Form.Item>
                    );
                  }
                  if (role === 'firm') {
                    return (
                      <Form.Item
                        name={[field.name, 'firm_id']}
                        rules={[{ required: true, message: t('users.firmRequired') }]}
                      >
                        <FirmPicker />
                      </Form.Item>
                    );
                  }
                  return null;
                }}
              </Form.Item>
              <Button
                type="text"
                icon={<MinusCircleOutlined />}
                onClick={() => remove(field.name)}
                aria-label={t('users.remove')}
              />
            </Space>
          ))}
          <Button type="dashed" onClick={() => add({ role: 'viewer' })} icon={<PlusOutlined />}>
            {t('users.addGrant')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
