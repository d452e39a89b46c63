/**
 * The triage queue: counts per status with the overdue and emergency badges, filters kept in the
 * URL, the page of cases the server sorted (keyset pages, "load more"), row selection with bulk
 * actions, and the case drawer. Every list the page shows is bounded by the server.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
  Flex,
  Loader,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { BASE, errorText, queryString, useConsoleData, type Query } from '../api';
import { BandBadge, FlagBadge, StatusBadge } from '../components/Badges';
import { BulkBar } from '../components/BulkBar';
import CaseDrawer from '../components/CaseDrawer';
import { NewCaseForm } from '../components/NewCaseForm';
import { Select } from '../components/Select';
import { SORTS, STATUSES, kindOf, serverQuery, useFilters } from '../filters';
import { countdown, useFormat, useT, type TKey } from '../i18n';
import type { CaseKind, Options, QueueCounts, QueuePage as Page, QueueRow } from '../types';

const KINDS: CaseKind[] = ['report', 'request', 'complaint'];
/** Who opens cases for callers (the server refuses the others). */
const OPENERS = ['strapi-super-admin', 'bc-urp-operator', 'bc-office-coordinator'];

function useQueueRows(query: Query, reloadKey: number) {
  const { get } = useFetchClient();
  const [rows, setRows] = useState<QueueRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({
    loading: true,
    error: null,
  });
  const key = queryString(query);

  const load = async (after: string | null) => {
    setState({ loading: true, error: null });
    try {
      const q = queryString({ ...query, pageSize: 50, cursor: after ?? undefined });
      const res = await get<Page>(`${BASE}/queue${q}`);
      setRows((old) => (after ? [...old, ...res.data.data] : res.data.data));
      setCursor(res.data.meta.nextCursor);
      setState({ loading: false, error: null });
    } catch (e) {
      setState({ loading: false, error: errorText(e) });
    }
  };
  useEffect(() => {
    load(null);
  }, [key, reloadKey]);
  return { rows, cursor, ...state, more: () => cursor && load(cursor) };
}

export default function QueuePage() {
  const t = useT();
  const { dateTime } = useFormat();
  const [filters, setFilters, resetFilters] = useFilters();
  const kind = kindOf(filters);
  const query = useMemo(
    () => ({ ...serverQuery(filters), sort: filters.sort }),
    [JSON.stringify(filters)]
  );
  const [reloadKey, setReloadKey] = useState(0);
  const options = useConsoleData<Options>('/options');
  const counts = useConsoleData<QueueCounts>('/queue/counts', serverQuery(filters));
  const reload = () => {
    setReloadKey((k) => k + 1);
    counts.reload();
  };
  const { rows, cursor, loading, error, more } = useQueueRows(query, reloadKey);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const [intake, setIntake] = useState(false);
  const [search, setSearch] = useState(filters.q ?? '');
  const now = Date.now();

  useEffect(() => setSelected(new Set()), [JSON.stringify(filters)]);
  useEffect(() => {
    const id = setTimeout(() => search !== (filters.q ?? '') && setFilters({ q: search }), 350);
    return () => clearTimeout(id);
  }, [search]);

  const opts = options.data;
  const canOpenCases = (opts?.me.roles ?? []).some((r) => OPENERS.includes(r));
  const c = counts.data?.data;
  const toggle = (code: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.code));

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={2} wrap="wrap" data-testid="urp-kinds">
        {canOpenCases ? (
          <Button variant="secondary" onClick={() => setIntake(true)} data-testid="urp-intake-open">
            {t('intake.open')}
          </Button>
        ) : null}
        {KINDS.map((k) => (
          <Button
            key={k}
            variant={k === kind ? 'default' : 'tertiary'}
            onClick={() =>
              setFilters({ kind: k, status: undefined, band: undefined, sort: undefined })
            }
            data-testid={`urp-kind-${k}`}
          >
            {t(`kind.${k}` as TKey)}
          </Button>
        ))}
      </Flex>

      <Flex gap={2} wrap="wrap" data-testid="urp-counts">
        {c ? (
          <>
            <Typography fontWeight="bold" data-testid="urp-count-total">
              {t('count.total', { n: c.total })}
            </Typography>
            {Object.entries(c.statuses).map(([s, n]) => (
              <Button
                key={s}
                size="S"
                variant={filters.status === s ? 'secondary' : 'tertiary'}
                onClick={() => setFilters({ status: filters.status === s ? undefined : s })}
                data-testid={`urp-count-${s}`}
              >
                {t(`status.${s}` as TKey)}: {n}
              </Button>
            ))}
            <Button
              size="S"
              variant={filters.overdue === 'true' ? 'danger' : 'danger-light'}
              onClick={() => setFilters({ overdue: filters.overdue === 'true' ? '' : 'true' })}
              data-testid="urp-count-overdue"
            >
              {t('count.overdue', { n: c.overdue })}
            </Button>
            {kind === 'report' ? (
              <Button
                size="S"
                variant={filters.emergency === 'true' ? 'danger' : 'danger-light'}
                onClick={() =>
                  setFilters({ emergency: filters.emergency === 'true' ? '' : 'true' })
                }
                data-testid="urp-count-emergency"
              >
                {t('count.emergency', { n: c.emergency })}
              </Button>
            ) : null}
          </>
        ) : counts.error ? (
          <Typography textColor="danger600">{counts.error}</Typography>
        ) : (
          <Loader small />
        )}
      </Flex>

      <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
        <Flex gap={3} wrap="wrap" alignItems="flex-end">
          <Box minWidth="220px">
            <TextInput
              aria-label={t('filter.search')}
              placeholder={t('filter.search')}
              value={search}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSearch(e.target.value)}
              data-testid="urp-filter-q"
            />
          </Box>
          <Box minWidth="180px">
            <Select
              label={t('filter.office')}
              value={filters.office}
              anyLabel={t('filter.any')}
              choices={(opts?.offices ?? []).map((o) => ({ value: o.documentId, label: o.name }))}
              onChange={(office) => setFilters({ office })}
              testId="urp-filter-office"
            />
          </Box>
          <Box minWidth="180px">
            <Select
              label={t('filter.team')}
              value={filters.team}
              anyLabel={t('filter.any')}
              choices={(opts?.teams ?? []).map((o) => ({ value: o.documentId, label: o.name }))}
              onChange={(team) => setFilters({ team })}
              testId="urp-filter-team"
            />
          </Box>
          <Box minWidth="180px">
            <Select
              label={t('filter.topic')}
              value={filters.topic}
              anyLabel={t('filter.any')}
              choices={(opts?.topics ?? []).map((o) => ({ value: o.documentId, label: o.name }))}
              onChange={(topic) => setFilters({ topic })}
              testId="urp-filter-topic"
            />
          </Box>
          <Box minWidth="160px">
            <Select
              label={t('filter.status')}
              value={filters.status}
              anyLabel={t('filter.open')}
              choices={STATUSES[kind].map((s) => ({ value: s, label: t(`status.${s}` as TKey) }))}
              onChange={(status) => setFilters({ status })}
              testId="urp-filter-status"
            />
          </Box>
          {kind === 'report' ? (
            <Box minWidth="140px">
              <Select
                label={t('filter.band')}
                value={filters.band}
                anyLabel={t('filter.any')}
                choices={['emergency', 'high', 'medium', 'low'].map((b) => ({
                  value: b,
                  label: t(`band.${b}` as TKey),
                }))}
                onChange={(band) => setFilters({ band })}
                testId="urp-filter-band"
              />
            </Box>
          ) : null}
          <Box minWidth="140px">
            <Select
              label={t('filter.sort')}
              value={filters.sort ?? SORTS[kind][0]}
              choices={SORTS[kind].map((s) => ({ value: s, label: t(`sort.${s}` as TKey) }))}
              onChange={(sort) => setFilters({ sort })}
              testId="urp-filter-sort"
            />
          </Box>
          <Button variant="tertiary" onClick={resetFilters}>
            {t('filter.reset')}
          </Button>
        </Flex>
      </Box>

      {selected.size ? (
        <BulkBar
          kind={kind}
          codes={[...selected]}
          options={opts}
          onDone={() => {
            setSelected(new Set());
            reload();
          }}
        />
      ) : null}

      {error ? (
        <Typography textColor="danger600" data-testid="urp-queue-error">
          {error}
        </Typography>
      ) : null}

      <Table colCount={7} rowCount={rows.length + 1} data-testid="urp-queue">
        <Thead>
          <Tr>
            <Th>
              <Checkbox
                aria-label="select all"
                checked={allSelected}
                onCheckedChange={() =>
                  setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.code)))
                }
              />
            </Th>
            <Th>
              <Typography variant="sigma">{t('col.code')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('col.case')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('col.status')}</Typography>
            </Th>
            {kind === 'report' ? (
              <Th>
                <Typography variant="sigma">{t('col.priority')}</Typography>
              </Th>
            ) : null}
            <Th>
              <Typography variant="sigma">{t('col.due')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('col.received')}</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {rows.map((r) => (
            <Tr
              key={r.code}
              data-testid="urp-queue-row"
              data-code={r.code}
              onClick={() => setOpen(r.code)}
              style={{ cursor: 'pointer' }}
            >
              <Td onClick={(e: React.MouseEvent) => e.stopPropagation()}>
                <Checkbox
                  aria-label={`select ${r.code}`}
                  checked={selected.has(r.code)}
                  onCheckedChange={() => toggle(r.code)}
                  data-testid="urp-row-select"
                />
              </Td>
              <Td>
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <Typography fontWeight="bold">{r.code}</Typography>
                  <Flex gap={1}>
                    {r.emergency ? <FlagBadge kind="emergency" /> : null}
                    {r.overdue ? <FlagBadge kind="overdue" /> : null}
                    {r.pinned ? <FlagBadge kind="pinned" /> : null}
                  </Flex>
                </Flex>
              </Td>
              <Td style={{ maxWidth: 420, whiteSpace: 'normal' }}>
                <Typography ellipsis>{r.subject ?? r.excerpt}</Typography>
                {r.address ? (
                  <Typography variant="pi" textColor="neutral600">
                    {r.address}
                  </Typography>
                ) : null}
              </Td>
              <Td>
                <StatusBadge state={r.state} />
              </Td>
              {kind === 'report' ? (
                <Td>
                  <BandBadge band={r.band} />
                </Td>
              ) : null}
              <Td>
                <Typography textColor={r.overdue ? 'danger600' : 'neutral800'}>
                  {countdown(r.dueAt, now, t) ?? '—'}
                </Typography>
              </Td>
              <Td>
                <Typography variant="pi">{dateTime(r.receivedAt)}</Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {!loading && !rows.length && !error ? (
        <Box padding={6}>
          <Typography data-testid="urp-queue-empty">{t('queue.empty')}</Typography>
        </Box>
      ) : null}
      <Flex justifyContent="center">
        {loading ? (
          <Loader small>{t('loading')}</Loader>
        ) : cursor ? (
          <Button variant="secondary" onClick={more}>
            {t('queue.more')}
          </Button>
        ) : null}
      </Flex>
      {intake ? (
        <NewCaseForm
          options={opts}
          onClose={() => setIntake(false)}
          onCreated={(code) => {
            setIntake(false);
            reload();
            if (code) setOpen(code);
          }}
        />
      ) : null}
      {open ? <CaseDrawer code={open} onClose={() => setOpen(null)} onChanged={reload} /> : null}
    </Flex>
  );
}
