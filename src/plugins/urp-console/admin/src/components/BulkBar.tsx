/**
 * Bulk actions on the selected rows: assign (office, team, technician), move through the
 * lifecycle, or merge into a master report. Each case goes through its own console route, so the
 * lifecycle and the scope rules judge each one; refusals are listed with the server's reason.
 */
import { useState } from 'react';
import { Box, Button, Flex, TextInput, Typography } from '@strapi/design-system';
import { useConsolePost } from '../api';
import { ACCURACY, STATUSES } from '../filters';
import { useT, type TKey } from '../i18n';
import type { CaseKind, Options } from '../types';
import { CrewSelects } from './CrewSelects';
import { Select } from './Select';

type Mode = 'assign' | 'status' | 'merge';

export function BulkBar({
  kind,
  codes,
  options,
  onDone,
}: {
  kind: CaseKind;
  codes: string[];
  options: Options | null;
  onDone: () => void;
}) {
  const t = useT();
  const post = useConsolePost();
  const [mode, setMode] = useState<Mode>('assign');
  const [office, setOffice] = useState<string>();
  const [team, setTeam] = useState<string>();
  const [assignee, setAssignee] = useState<string>();
  const [to, setTo] = useState<string>();
  const [accuracy, setAccuracy] = useState<string>();
  const [master, setMaster] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: number; failures: string[] } | null>(null);

  const request = (code: string): [string, unknown] => {
    if (mode === 'assign') {
      return [
        `/cases/${code}/assign`,
        {
          ...(office ? { office } : {}),
          ...(team ? { team } : {}),
          ...(assignee ? { assignee: Number(assignee) } : {}),
        },
      ];
    }
    if (mode === 'status') {
      return [
        `/cases/${code}/transition`,
        { to, ...(accuracy ? { qualification: { accuracy } } : {}) },
      ];
    }
    return [`/cases/${code}/merge`, { into: master.trim() }];
  };

  const apply = async () => {
    setBusy(true);
    const failures: string[] = [];
    let ok = 0;
    for (const code of codes) {
      const [path, body] = request(code);
      try {
        await post(path, body);
        ok += 1;
      } catch (e) {
        failures.push(`${code}: ${(e as Error).message}`);
      }
    }
    setBusy(false);
    setResult({ ok, failures });
    if (ok) onDone();
  };

  const ready =
    mode === 'assign' ? Boolean(office || team || assignee) : mode === 'status' ? !!to : !!master;
  const needsAccuracy = kind === 'report' && (to === 'resolved' || to === 'rejected');

  return (
    <Box background="primary100" padding={4} hasRadius data-testid="urp-bulk">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex gap={2} wrap="wrap" alignItems="center">
          <Typography fontWeight="bold">{t('queue.selected', { n: codes.length })}</Typography>
          {(['assign', 'status', ...(kind === 'report' ? ['merge'] : [])] as Mode[]).map((m) => (
            <Button
              key={m}
              size="S"
              variant={m === mode ? 'default' : 'tertiary'}
              onClick={() => setMode(m)}
              data-testid={`urp-bulk-${m}`}
            >
              {t(`bulk.${m}` as TKey)}
            </Button>
          ))}
        </Flex>
        <Flex gap={3} wrap="wrap" alignItems="flex-end">
          {mode === 'assign' ? (
            <>
              {options?.me.can.reassignOffice ? (
                <Box minWidth="200px">
                  <Select
                    label={t('field.office')}
                    value={office}
                    anyLabel="—"
                    choices={options.offices.map((o) => ({ value: o.documentId, label: o.name }))}
                    onChange={setOffice}
                    testId="urp-bulk-office"
                  />
                </Box>
              ) : null}
              <CrewSelects
                options={options}
                team={team}
                assignee={assignee}
                onTeam={setTeam}
                onAssignee={setAssignee}
                testIdPrefix="urp-bulk"
              />
            </>
          ) : null}
          {mode === 'status' ? (
            <>
              <Box minWidth="200px">
                <Select
                  label={t('field.state')}
                  value={to}
                  choices={STATUSES[kind].map((s) => ({
                    value: s,
                    label: t(`status.${s}` as TKey),
                  }))}
                  onChange={setTo}
                  testId="urp-bulk-to"
                />
              </Box>
              {needsAccuracy ? (
                <Box minWidth="200px">
                  <Select
                    label={t('drawer.qualify')}
                    value={accuracy}
                    choices={ACCURACY.map((a) => ({
                      value: a,
                      label: t(`accuracy.${a}` as TKey),
                    }))}
                    onChange={setAccuracy}
                  />
                </Box>
              ) : null}
            </>
          ) : null}
          {mode === 'merge' ? (
            <Box minWidth="240px">
              <TextInput
                aria-label={t('bulk.masterCode')}
                placeholder={t('bulk.masterCode')}
                value={master}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => setMaster(e.target.value)}
              />
            </Box>
          ) : null}
          <Button
            onClick={apply}
            loading={busy}
            disabled={!ready || busy}
            data-testid="urp-bulk-apply"
          >
            {t('bulk.apply')}
          </Button>
        </Flex>
        {result ? (
          <Box data-testid="urp-bulk-result">
            <Typography>
              {t('bulk.done', { ok: result.ok, failed: result.failures.length })}
            </Typography>
            {result.failures.map((f) => (
              <Typography key={f} tag="p" textColor="danger600">
                {f}
              </Typography>
            ))}
          </Box>
        ) : null}
      </Flex>
    </Box>
  );
}
