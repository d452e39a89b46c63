/**
 * A case opened by staff for a citizen at the phone or the counter: the same fields and checks as
 * the public intake (the server runs the same schema and write gate), with the channel recorded.
 */
import { useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  Grid,
  Modal,
  TextInput,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { useConsolePost } from '../api';
import { useT, type TKey } from '../i18n';
import type { CaseKind, Options } from '../types';
import { Select } from './Select';

type Form = Record<string, string>;

export function NewCaseForm({
  options,
  onClose,
  onCreated,
}: {
  options: Options | null;
  onClose: () => void;
  onCreated: (code: string) => void;
}) {
  const t = useT();
  const post = useConsolePost();
  const [kind, setKind] = useState<CaseKind>('report');
  const [channel, setChannel] = useState<'phone' | 'counter'>('phone');
  const [form, setForm] = useState<Form>({});
  const [urgency, setUrgency] = useState(3);
  const [emergency, setEmergency] = useState(false);
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const field = (key: string, label: TKey, multiline = false) => (
    <Field.Root>
      <Field.Label>{t(label)}</Field.Label>
      {multiline ? (
        <Textarea name={key} value={form[key] ?? ''} onChange={set(key)} />
      ) : (
        <TextInput name={key} value={form[key] ?? ''} onChange={set(key)} />
      )}
    </Field.Root>
  );

  const submit = async () => {
    setBusy(true);
    setError(null);
    const citizen = Object.fromEntries(
      (['name', 'email', 'phone'] as const)
        .map((k) => [k, form[`citizen.${k}`]?.trim()])
        .filter(([, v]) => v)
    );
    const body: Record<string, unknown> = {
      kind,
      channel,
      citizen,
      privacyConsent: consent,
      description: form.description ?? '',
      ...(form.topic ? { topic: form.topic } : {}),
    };
    if (kind === 'report') {
      Object.assign(body, {
        address: form.address || undefined,
        declaredUrgency: urgency,
        emergency,
        ...(form.latitude && form.longitude
          ? { latitude: Number(form.latitude), longitude: Number(form.longitude) }
          : {}),
      });
    } else {
      body.subject = form.subject ?? '';
    }
    try {
      const created = await post<{ referenceCode?: string; code?: string }>('/cases', body);
      onCreated(created.referenceCode ?? created.code ?? '');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('intake.title')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4} data-testid="urp-intake">
            <Grid.Root gap={4}>
              <Grid.Item col={6} s={12}>
                <Select
                  label={t('filter.kind')}
                  value={kind}
                  choices={(['report', 'request', 'complaint'] as CaseKind[]).map((k) => ({
                    value: k,
                    label: t(`kind.${k}` as TKey),
                  }))}
                  onChange={(k) => setKind((k as CaseKind) ?? 'report')}
                />
              </Grid.Item>
              <Grid.Item col={6} s={12}>
                <Select
                  label={t('field.channel')}
                  value={channel}
                  choices={[
                    { value: 'phone', label: t('intake.phone') },
                    { value: 'counter', label: t('intake.counter') },
                  ]}
                  onChange={(c) => setChannel(c === 'counter' ? 'counter' : 'phone')}
                />
              </Grid.Item>
              <Grid.Item col={4} s={12}>
                {field('citizen.name', 'intake.name')}
              </Grid.Item>
              <Grid.Item col={4} s={12}>
                {field('citizen.email', 'field.email')}
              </Grid.Item>
              <Grid.Item col={4} s={12}>
                {field('citizen.phone', 'field.phone')}
              </Grid.Item>
              <Grid.Item col={12}>
                <Select
                  label={t('filter.topic')}
                  value={form.topic}
                  anyLabel={kind === 'report' ? undefined : '—'}
                  choices={(options?.topics ?? []).map((o) => ({
                    value: o.code ?? o.documentId,
                    label: o.name,
                  }))}
                  onChange={(topic) => setForm((f) => ({ ...f, topic: topic ?? '' }))}
                />
              </Grid.Item>
              {kind !== 'report' ? (
                <Grid.Item col={12}>{field('subject', 'intake.subject')}</Grid.Item>
              ) : null}
              <Grid.Item col={12}>{field('description', 'intake.description', true)}</Grid.Item>
              {kind === 'report' ? (
                <>
                  <Grid.Item col={6} s={12}>
                    {field('address', 'field.address')}
                  </Grid.Item>
                  <Grid.Item col={3} s={6}>
                    {field('latitude', 'intake.latitude')}
                  </Grid.Item>
                  <Grid.Item col={3} s={6}>
                    {field('longitude', 'intake.longitude')}
                  </Grid.Item>
                  <Grid.Item col={6} s={12}>
                    <Select
                      label={t('intake.urgency')}
                      value={String(urgency)}
                      choices={['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v }))}
                      onChange={(v) => setUrgency(Number(v ?? 3))}
                    />
                  </Grid.Item>
                  <Grid.Item col={6} s={12}>
                    <Checkbox
                      checked={emergency}
                      onCheckedChange={(v: boolean) => setEmergency(Boolean(v))}
                    >
                      {t('badge.emergency')}
                    </Checkbox>
                  </Grid.Item>
                </>
              ) : null}
              <Grid.Item col={12}>
                <Checkbox
                  checked={consent}
                  onCheckedChange={(v: boolean) => setConsent(Boolean(v))}
                >
                  {t('intake.consent')}
                </Checkbox>
              </Grid.Item>
            </Grid.Root>
            {error ? (
              <Box>
                <Typography textColor="danger600" data-testid="urp-intake-error">
                  {error}
                </Typography>
              </Box>
            ) : null}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {t('drawer.close')}
          </Button>
          <Button onClick={submit} loading={busy} data-testid="urp-intake-submit">
            {t('intake.submit')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
