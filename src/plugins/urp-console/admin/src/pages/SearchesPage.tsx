/**
 * What citizens search for in the website's service catalogue, and what they do not find: the
 * most frequent searches of a period and the searches that found nothing, from the anonymised
 * statistics of GET /api/services/search (src/lib/catalogue/search-stats.ts). Editors open it
 * from its own menu entry; it needs the "searches" permission, not the console's.
 */
import { useState } from 'react';
import {
  Box,
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
import { Layouts, Page } from '@strapi/strapi/admin';
import { useConsoleData } from '../api';
import { PeriodFields, daysAgo, isoDay } from '../components/PeriodFields';
import { Select } from '../components/Select';
import { useT } from '../i18n';

interface Row {
  query: string;
  searches: number;
  withoutResults: number;
  averageResults: number;
}

interface Report {
  from: string;
  to: string;
  totals: { searches: number; withoutResults: number; distinctQueries: number };
  top: Row[];
  notFound: Row[];
}

function SearchTable({ rows, testId, empty }: { rows: Row[]; testId: string; empty: string }) {
  const t = useT();
  if (!rows.length) return <Typography textColor="neutral600">{empty}</Typography>;
  return (
    <Table colCount={4} rowCount={rows.length + 1} data-testid={testId}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('searches.query')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('searches.count')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('searches.withoutResults')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('searches.averageResults')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((r) => (
          <Tr key={r.query} data-testid={`${testId}-row`}>
            <Td>
              <Typography fontWeight="bold">{r.query}</Typography>
            </Td>
            <Td>{r.searches}</Td>
            <Td>{r.withoutResults}</Td>
            <Td>{r.averageResults}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

export default function SearchesPage() {
  const t = useT();
  const [from, setFrom] = useState(daysAgo(29));
  const [to, setTo] = useState(isoDay(new Date()));
  const [locale, setLocale] = useState<string>();
  const report = useConsoleData<{ data: Report }>('/searches', { from, to, locale, limit: 50 });
  const d = report.data?.data;
  return (
    <Page.Main>
      <Page.Title>{t('searches.title')}</Page.Title>
      <Layouts.Header title={t('searches.title')} subtitle={t('searches.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4} data-testid="urp-searches">
          <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
            <Flex gap={3} wrap="wrap" alignItems="flex-end">
              <PeriodFields from={from} to={to} onFrom={setFrom} onTo={setTo} />
              <Box minWidth="160px">
                <Select
                  label={t('searches.locale')}
                  value={locale}
                  anyLabel={t('filter.any')}
                  choices={[
                    { value: 'it', label: 'Italiano' },
                    { value: 'en', label: 'English' },
                  ]}
                  onChange={setLocale}
                />
              </Box>
            </Flex>
          </Box>
          {report.error ? <Typography textColor="danger600">{report.error}</Typography> : null}
          {report.loading && !d ? <Loader>{t('loading')}</Loader> : null}
          {d ? (
            <>
              <Typography data-testid="urp-searches-totals">
                {t('searches.totals', {
                  searches: d.totals.searches,
                  queries: d.totals.distinctQueries,
                  withoutResults: d.totals.withoutResults,
                })}
              </Typography>
              <Grid.Root gap={4}>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Typography variant="delta" tag="h2">
                    {t('searches.top')}
                  </Typography>
                  <SearchTable rows={d.top} testId="urp-searches-top" empty={t('searches.none')} />
                </Grid.Item>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Typography variant="delta" tag="h2">
                    {t('searches.notFound')}
                  </Typography>
                  <Typography variant="pi" textColor="neutral600">
                    {t('searches.notFoundHint')}
                  </Typography>
                  <SearchTable
                    rows={d.notFound}
                    testId="urp-searches-not-found"
                    empty={t('searches.none')}
                  />
                </Grid.Item>
              </Grid.Root>
            </>
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
