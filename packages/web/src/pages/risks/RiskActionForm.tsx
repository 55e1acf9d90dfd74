import type { CaseAction, ResolutionMeasure } from '@chainbrain/domain';
import { App, Button, Checkbox, Flex, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { type RiskCaseDetail, useRiskAction } from '../../api/risks.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { ACTION_ORDER, actionProblem, NOTE_MAX, NOTE_MIN, RESOLUTION_MEASURES } from './case-rules.js';
import { ACTION_LABEL, MEASURE_LABEL } from './risk-labels.js';

/**
 * The steps the caller may take on the case now, as the server lists them (no others are offered): one
 * note for all, a measure to resolve, and for the case's offices a box that makes a note internal (仅内部
 * 可见; the firm never reads it). Only a note can be internal, so while the box is ticked the other steps
 * wait: their notes are written for the firm, and a ticked box must not send one there by mistake. The form says what is missing before it asks; the server's own
 * refusal (the case moved on meanwhile, …) shows in its words. Keyed by the case: another case, a new form.
 */
export function RiskActionForm({ c }: { c: RiskCaseDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const act = useRiskAction(c.id);
  const [note, setNote] = useState('');
  const [measure, setMeasure] = useState<ResolutionMeasure | null>(null);
  const [internal, setInternal] = useState(false);
  const [problem, setProblem] = useState<{
    action: CaseAction;
    what: ReturnType<typeof actionProblem>;
  } | null>(null);
  const actions = ACTION_ORDER.filter((a) => c.actions.includes(a));
  const canResolve = actions.includes('resolve');
  const canInternal = c.internal_notes && actions.includes('comment');
  const submit = (action: CaseAction) => {
    const what = actionProblem(action, note, measure);
    setProblem(what ? { action, what } : null);
    if (what) return;
    act.mutate(
      {
        action,
        note: note.trim() || null,
        // The server takes a measure only with a resolution.
        measure: action === 'resolve' ? measure : null,
        internal: action === 'comment' && internal,
      },
      {
        onSuccess: () => {
          setNote('');
          setMeasure(null);
          setInternal(false);
          message.success(t('risks.act.done', { action: t(ACTION_LABEL[action]), id: c.id }));
        },
      },
    );
  };
  const noteError =
    problem?.what === 'note_missing'
      ? t('risks.act.noteMissing', { action: t(ACTION_LABEL[problem.action]), min: NOTE_MIN })
      : problem?.what === 'note_too_long'
        ? t('risks.act.noteTooLong', { max: NOTE_MAX })
        : undefined;
  return (
    <section aria-labelledby="risk-act" data-testid="risk-actions">
      <Typography.Title level={5} id="risk-act">
        {t('risks.act.title')}
      </Typography.Title>
      <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()}>
        <Form.Item
          label={t('risks.act.note')}
          htmlFor="risk-note"
          validateStatus={noteError ? 'error' : undefined}
          help={noteError ?? t('risks.act.noteHelp', { min: NOTE_MIN, max: NOTE_MAX })}
        >
          <Input.TextArea
            id="risk-note"
            data-testid="risk-note"
            rows={3}
            maxLength={NOTE_MAX}
            showCount
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Form.Item>
        {canInternal && (
          <Form.Item help={t('risks.act.internalHelp')}>
            <Checkbox
              data-testid="risk-internal"
              checked={internal}
              onChange={(e) => setInternal(e.target.checked)}
            >
              {t('risks.act.internal')}
            </Checkbox>
          </Form.Item>
        )}
        {canResolve && (
          <Form.Item
            label={t('risks.act.measure')}
            htmlFor="risk-measure"
            validateStatus={problem?.what === 'measure_missing' ? 'error' : undefined}
            help={problem?.what === 'measure_missing' ? t('risks.act.measureMissing') : undefined}
          >
            <Select<ResolutionMeasure>
              id="risk-measure"
              data-testid="risk-measure"
              allowClear
              placeholder={t('risks.act.measurePlaceholder')}
              value={measure ?? undefined}
              onChange={(v) => setMeasure(v ?? null)}
              options={RESOLUTION_MEASURES.map((m) => ({ value: m, label: t(MEASURE_LABEL[m]) }))}
            />
          </Form.Item>
        )}
        <Flex wrap gap={8} role="group" aria-label={t('risks.act.buttons')}>
          {actions.map((a) => (
            <Button
              key={a}
              data-testid={`risk-action-${a}`}
              type={a === actions[0] && a !== 'comment' ? 'primary' : 'default'}
              danger={a === 'reject'}
              loading={act.isPending && act.variables?.action === a}
              disabled={(act.isPending && act.variables?.action !== a) || (internal && a !== 'comment')}
              onClick={() => submit(a)}
            >
              {t(ACTION_LABEL[a])}
            </Button>
          ))}
        </Flex>
      </Form>
      {act.error ? (
        <div style={{ marginTop: 12 }} data-testid="risk-action-error">
          <ErrorNotice error={act.error} />
        </div>
      ) : null}
    </section>
  );
}
