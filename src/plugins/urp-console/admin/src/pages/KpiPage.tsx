/**
 * Office KPIs for a period: per office the cases in, backlog and overdue share, median first
 * response and resolution times, escalations, citizen ratings and load per staff member, with
 * the offices that stand out (the documented rule of src/domain/office-kpis.ts) flagged and
 * explained; the trend of the period in charts; CSV export of the table.
 */
import { useState } from 'react';
import {
  Badge,
  Box,
  Button,
  Flex,
  Grid,
  Loader,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { queryString, useConsoleData } from '../api';
import { Select } from '../components/Select';
import { OfficeFilter, PeriodFields, daysAgo, isoDay } from '../components/PeriodFields';
import { TrendChart, type Line } from '../components/TrendChart';
import { useDownload } from '../download';
import { useT, type TKey } from '../i18n';
import type { Kpis, Options } from '../types';

const pct = (x: number | null) => (x == null ? '—' : `${Math.round(x * 100)}%`);
const num = (x: number | null, digits = 1) =>
  x == null ? '—' : String(Math.round(x * 10 ** digits) / 10 ** digits);

export default function KpiPage() {
  const t = useT();
  const download = useDownload();
  const [from, setFrom] = useState(daysAgo(90));
  const [to, setTo] = useState(isoDay(new Date()));
  const [kind, setKind] = useState('all');
  const [office, setOffice] = useState<string>();
  const [error, setError] = useState<string | null>(null);
  const query = { from, to, kind, office };
  const kpis = useConsoleData<Kpis>('/kpis', query);
  const options = useConsoleData<Options>('/options');
  const d = kpis.data?.data;
  const labels = (d?.series ?? []).map((b) => b.from.slice(5));

  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="urp-kpis">
      <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
        <Flex gap={3} wrap="wrap" alignItems="flex-end">
          <PeriodFields from={from} to={to} onFrom={setFrom} onTo={setTo} />
          {[30, 90, 365].map((n) => (
            <Button
              key={n}
              variant="tertiary"
              onClick={() => {
                setFrom(daysAgo(n));
                setTo(isoDay(new Date()));
              }}
            >
              {t('kpi.lastDays', { n })}
            </Button>
          ))}
          <Box minWidth="180px">
            <Select
              label={t('filter.kind')}
              value={kind}
              choices={['all', 'report', 'request', 'complaint'].map((k) => ({
                value: k,
                label: t(`kpi.kind.${k}` as TKey),
              }))}
              onChange={(k) => setKind(k ?? 'all')}
            />
          </Box>
          <OfficeFilter value={office} offices={options.data?.offices ?? []} onChange={setOffice} />
          <Button
            variant="secondary"
            onClick={() =>
              download(
                `/kpis.csv${queryString(query)}`,
                `office-kpis-${kind}-${from}-${to}.csv`
              ).catch((e) => setError((e as Error).message))
            }
            data-testid="urp-kpis-csv"
          >
            {t('kpi.csv')}
          </Button>
        </Flex>
      </Box>

      {kpis.error || error ? (
        <Typography textColor="danger600">{kpis.error ?? error}</Typography>
      ) : null}
      {kpis.loading && !d ? <Loader>{t('loading')}</Loader> : null}

      {d ? (
        <>
          <Grid.Root gap={4}>
            <ChartCard
              title={t('kpi.chart.load')}
              testId="urp-kpis-chart-load"
              labels={labels}
              lines={[
                {
                  label: t('kpi.casesIn'),
                  colour: '#4945ff',
                  values: d.series.map((b) => b.casesIn),
                },
                {
                  label: t('kpi.backlog'),
                  colour: '#f29d41',
                  values: d.series.map((b) => b.backlog),
                },
                {
                  label: t('kpi.overdue'),
                  colour: '#d02b20',
                  values: d.series.map((b) => b.overdue),
                },
              ]}
            />
            <ChartCard
              title={t('kpi.chart.times')}
              testId="urp-kpis-chart-times"
              labels={labels}
              lines={[
                {
                  label: t('kpi.firstResponse'),
                  colour: '#0c75af',
                  values: d.series.map((b) => b.medianFirstResponseHours),
                },
                {
                  label: t('kpi.resolution'),
                  colour: '#5cb176',
                  values: d.series.map((b) => b.medianResolutionHours),
                },
              ]}
            />
          </Grid.Root>

          <Typography variant="pi" textColor="neutral600">
            {t('kpi.city', {
              share: pct(kpis.data?.meta.city.overdueShare ?? null),
              load: num(kpis.data?.meta.city.medianBacklogPerStaff ?? null),
            })}
          </Typography>

          <Table colCount={12} rowCount={d.offices.length + 1} data-testid="urp-kpis-table">
            <Thead>
              <Tr>
                {(
                  [
                    'kpi.office',
                    'kpi.casesIn',
                    'kpi.backlog',
                    'kpi.overdueShare',
                    'kpi.firstResponse',
                    'kpi.resolution',
                    'kpi.escalations',
                    'kpi.rating',
                    'kpi.satisfaction',
                    'kpi.staff',
                    'kpi.perStaff',
                    'kpi.flag',
                  ] as TKey[]
                ).map((k) => (
                  <Th key={k}>
                    <Typography variant="sigma">{t(k)}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {d.offices.map((o) => (
                <Tr key={o.documentId} data-testid="urp-kpis-office" data-stands-out={o.standsOut}>
                  <Td>
                    <Typography fontWeight="bold">{o.name}</Typography>
                  </Td>
                  <Td>{o.casesIn}</Td>
                  <Td>{o.backlog}</Td>
                  <Td>
                    <Typography textColor={o.standsOut ? 'danger600' : 'neutral800'}>
                      {pct(o.overdueShare)}
                    </Typography>
                  </Td>
                  <Td>{num(o.medianFirstResponseHours)} h</Td>
                  <Td>{num(o.medianResolutionHours)} h</Td>
                  <Td>{o.escalations}</Td>
                  <Td>{o.meanRating == null ? '—' : `${num(o.meanRating)} / 5 (${o.ratings})`}</Td>
                  <Td>
                    {o.satisfaction == null ? '—' : `${pct(o.satisfaction)} (${o.surveyResponses})`}
                  </Td>
                  <Td>{o.staff}</Td>
                  <Td>{num(o.backlogPerStaff)}</Td>
                  <Td style={{ whiteSpace: 'normal', maxWidth: 280 }}>
                    {o.standsOut ? (
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Badge backgroundColor="danger100" textColor="danger700">
                          {t('kpi.standsOut')}
                        </Badge>
                        {o.reasons.map((r) => (
                          <Typography key={r.code} variant="pi">
                            {t(`kpi.reason.${r.code}` as TKey, {
                              value: r.code === 'overdue_share' ? pct(r.value) : num(r.value),
                              reference:
                                r.code === 'overdue_share' ? pct(r.reference) : num(r.reference),
                            })}
                          </Typography>
                        ))}
                      </Flex>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      ) : null}
    </Flex>
  );
}

/** A chart in its card, with its legend: the lines' own labels and colours. */
function ChartCard({
  title,
  testId,
  labels,
  lines,
}: {
  title: string;
  testId: string;
  labels: string[];
  lines: Line[];
}) {
  return (
    <Grid.Item col={6} s={12}>
      <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius width="100%">
        <Typography variant="delta">{title}</Typography>
        <TrendChart testId={testId} labels={labels} lines={lines} />
        <Flex gap={4}>
          {lines.map((l) => (
            <Flex key={l.label} gap={1}>
              <span
                style={{ width: 12, height: 3, background: l.colour, display: 'inline-block' }}
              />
              <Typography variant="pi">{l.label}</Typography>
            </Flex>
          ))}
        </Flex>
      </Box>
    </Grid.Item>
  );
}
