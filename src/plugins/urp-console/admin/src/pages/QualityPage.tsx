/**
 * The quality report of a period against the previous one: the server writes it as a document
 * (src/domain/quality-report-html.ts), which the page shows in a sandboxed frame as it will be
 * printed or sent on, and offers to download.
 */
import { useEffect, useState } from 'react';
import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { BASE, errorText, queryString, useConsoleData } from '../api';
import { OfficeFilter, PeriodFields, daysAgo, isoDay } from '../components/PeriodFields';
import { useDownload } from '../download';
import { useT } from '../i18n';
import type { Options } from '../types';

export default function QualityPage() {
  const t = useT();
  const { locale } = useIntl();
  const { get } = useFetchClient();
  const download = useDownload();
  const options = useConsoleData<Options>('/options');
  const [from, setFrom] = useState(daysAgo(89));
  const [to, setTo] = useState(isoDay(new Date()));
  const [office, setOffice] = useState<string>();
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = { from, to, office, locale: locale.startsWith('it') ? 'it' : 'en' };
  const path = `/quality-report.html${queryString(query)}`;

  useEffect(() => {
    let live = true;
    setHtml(null);
    get(`${BASE}${path}`, { responseType: 'text' })
      .then((res) => live && (setHtml(String(res.data)), setError(null)))
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [path]);

  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="urp-quality">
      <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
        <Flex gap={3} wrap="wrap" alignItems="flex-end">
          <PeriodFields from={from} to={to} onFrom={setFrom} onTo={setTo} />
          <OfficeFilter value={office} offices={options.data?.offices ?? []} onChange={setOffice} />
          <Button
            variant="secondary"
            data-testid="urp-quality-download"
            onClick={() =>
              download(path, `quality-report-${from}-${to}.html`).catch((e) =>
                setError((e as Error).message)
              )
            }
          >
            {t('quality.download')}
          </Button>
        </Flex>
      </Box>
      {error ? <Typography textColor="danger600">{error}</Typography> : null}
      {html == null && !error ? <Loader>{t('loading')}</Loader> : null}
      {html != null ? (
        <iframe
          title={t('quality.title')}
          data-testid="urp-quality-document"
          sandbox=""
          srcDoc={html}
          style={{ width: '100%', height: '75vh', border: 0, background: '#fff' }}
        />
      ) : null}
    </Flex>
  );
}
