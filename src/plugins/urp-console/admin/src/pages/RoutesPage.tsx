/**
 * A crew's day: pick a team and a day, read GET /urp-console/teams/:team/route (stops in
 * visiting order from the crew's base, most urgent band first), and see it as a numbered list
 * and on a map. The page prints (list and map only, not the admin's menus) and downloads the
 * route as GPX for a navigator: the admin's token is a header, not a cookie, so the file is
 * fetched by the admin's client and handed to the browser as a blob.
 */
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Badge,
  Box,
  Button,
  Field,
  Flex,
  Loader,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { queryString, useConsoleData } from '../api';
import { useDownload } from '../download';
import { useFormat, useT, type TKey } from '../i18n';
import type { Band } from '../types';
import CaseDrawer from '../components/CaseDrawer';
import {
  BAND_COLOURS,
  BaseMapNote,
  L,
  asBand,
  baseIcon,
  escapeHtml,
  stopIcon,
  useLeafletMap,
  useMapConfig,
} from '../components/leaflet';
import { useFilterChoices } from '../components/map-options';

interface RouteStop {
  order: number;
  code: string;
  band: Band | null;
  priority: number | null;
  address: string | null;
  latitude: number;
  longitude: number;
  legMeters: number;
}

interface RoutePlanView {
  team: { documentId: string; slug: string; name: string };
  date: string;
  base: { latitude: number; longitude: number };
  stops: RouteStop[];
  returnLegMeters?: number;
  totalMeters: number;
  path: { type: 'LineString'; coordinates: [number, number][] } | null;
  unplaced: string[];
  truncated: boolean;
}

/** Today in the city (Europe/Rome) as YYYY-MM-DD. */
function todayInCity(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** The file name the server gave (Content-Disposition), else ours. */
const PRINT_CSS = `
@media print {
  @page { margin: 12mm; }
  html, body { height: auto !important; overflow: visible !important; background: #fff !important; }
  body * { visibility: hidden !important; }
  #urp-route-print, #urp-route-print * { visibility: visible !important; }
  #urp-route-print { position: absolute; left: 0; top: 0; width: 100%; padding: 0; }
  #urp-route-print .urp-no-print { display: none !important; }
  #urp-route-print .leaflet-control-zoom { display: none !important; }
  #urp-route-print .leaflet-tile:not(.leaflet-tile-loaded) { visibility: hidden !important; }
  #urp-route-print [data-testid='urp-route-map'] { height: 120mm !important; break-inside: avoid; }
  #urp-route-print table { break-inside: auto; }
  #urp-route-print tr { break-inside: avoid; }
}
`;

export default function RoutesPage() {
  const t = useT();
  const { locale, date: formatDate } = useFormat();
  const [params, setParams] = useSearchParams();
  const { teams } = useFilterChoices();
  const team = params.get('team') ?? '';
  const date = params.get('date') || todayInCity();

  const setParam = (key: 'team' | 'date', value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true }
    );

  // No team chosen yet: the first one the user may see.
  useEffect(() => {
    if (!team && teams?.length) setParam('team', teams[0].documentId);
  }, [team, teams]);

  const route = useConsoleData<{ data: RoutePlanView }>(
    team ? `/teams/${encodeURIComponent(team)}/route` : null,
    { date }
  );
  const plan = route.data?.data ?? null;
  const stops = useMemo(
    () => (plan?.stops ?? []).map((s) => ({ ...s, band: asBand(s.band) })),
    [plan]
  );

  const km = useMemo(() => {
    const f = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return (meters: number | null | undefined) => `${f.format((meters ?? 0) / 1000)} km`;
  }, [locale]);

  const [openCode, setOpenCode] = useState<string | null>(null);

  // ---- the map
  const config = useMapConfig();
  const containerRef = useRef<HTMLDivElement>(null);
  const { map, tilesFailed } = useLeafletMap(containerRef, config);
  useEffect(() => {
    if (!map || !plan) return;
    const group = L.layerGroup().addTo(map);
    const line = (plan.path?.coordinates ?? [])
      .filter((c) => Array.isArray(c) && c.length >= 2)
      .map(([lng, lat]) => L.latLng(lat, lng));
    if (line.length >= 2) {
      L.polyline(line, { color: '#4945ff', weight: 4, opacity: 0.8 }).addTo(group);
    }
    const base = L.latLng(plan.base.latitude, plan.base.longitude);
    L.marker(base, { icon: baseIcon(), keyboard: false, zIndexOffset: -100 })
      .bindTooltip(escapeHtml(t('routes.base')))
      .addTo(group);
    for (const s of stops) {
      L.marker([s.latitude, s.longitude], {
        icon: stopIcon(s.order, s.band),
        alt: `${s.order}. ${s.code}`,
        zIndexOffset: 1000 - s.order,
      })
        .bindTooltip(
          `<strong>${s.order}. ${escapeHtml(s.code)}</strong>${
            s.address ? `<br/>${escapeHtml(s.address)}` : ''
          }`
        )
        .on('click', () => setOpenCode(s.code))
        .addTo(group);
    }
    const bounds = L.latLngBounds([base, ...stops.map((s) => L.latLng(s.latitude, s.longitude))]);
    if (stops.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 17 });
    else map.setView(base, 15);
    return () => {
      group.remove();
    };
  }, [map, plan, stops, t]);

  // Printing resizes the map: let Leaflet redraw for the paper, and back.
  useEffect(() => {
    if (!map) return;
    const refit = () => map.invalidateSize();
    window.addEventListener('beforeprint', refit);
    window.addEventListener('afterprint', refit);
    return () => {
      window.removeEventListener('beforeprint', refit);
      window.removeEventListener('afterprint', refit);
    };
  }, [map]);

  // ---- GPX
  const [gpxBusy, setGpxBusy] = useState(false);
  const [gpxError, setGpxError] = useState<string | null>(null);
  const download = useDownload();
  const downloadGpx = async () => {
    setGpxError(null);
    setGpxBusy(true);
    try {
      await download(
        `/teams/${encodeURIComponent(team)}/route${queryString({ date, format: 'gpx' })}`,
        `route-${plan?.team.slug ?? team}-${date}.gpx`
      );
    } catch (e) {
      setGpxError((e as Error).message);
    } finally {
      setGpxBusy(false);
    }
  };

  const teamName = plan?.team.name ?? teams?.find((tm) => tm.documentId === team)?.name ?? team;
  const teamChoices = teams ?? [];
  const knownTeam = !team || teamChoices.some((tm) => tm.documentId === team);

  return (
    <Box id="urp-route-print">
      <style>{PRINT_CSS}</style>
      <Flex className="urp-no-print" gap={4} wrap="wrap" alignItems="flex-end" marginBottom={4}>
        <Box minWidth="240px">
          <Field.Root name="team" id="urp-route-team">
            <Field.Label>{t('routes.team')}</Field.Label>
            <SingleSelect
              data-testid="urp-route-team"
              placeholder={teams === null ? t('loading') : t('routes.chooseTeam')}
              value={team}
              onChange={(v) => setParam('team', String(v))}
              disabled={teams !== null && teamChoices.length === 0}
            >
              {teamChoices.map((tm) => (
                <SingleSelectOption key={tm.documentId} value={tm.documentId}>
                  {tm.name}
                </SingleSelectOption>
              ))}
              {!knownTeam && (
                <SingleSelectOption key={team} value={team}>
                  {team}
                </SingleSelectOption>
              )}
            </SingleSelect>
          </Field.Root>
        </Box>
        <Box minWidth="180px">
          <Field.Root name="date" id="urp-route-date">
            <Field.Label>{t('routes.date')}</Field.Label>
            <TextInput
              type="date"
              data-testid="urp-route-date"
              value={date}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setParam('date', e.target.value)}
            />
          </Field.Root>
        </Box>
        <Button
          variant="secondary"
          size="L"
          data-testid="urp-route-print"
          disabled={!plan}
          onClick={() => window.print()}
        >
          {t('routes.print')}
        </Button>
        <Button
          variant="secondary"
          size="L"
          startIcon={<Download />}
          data-testid="urp-route-gpx"
          disabled={!plan || gpxBusy}
          loading={gpxBusy}
          onClick={downloadGpx}
        >
          {t('routes.gpx')}
        </Button>
      </Flex>

      {teams !== null && teamChoices.length === 0 && (
        <Typography textColor="neutral600">{t('routes.noTeams')}</Typography>
      )}
      {gpxError && (
        <Typography tag="p" textColor="danger600" data-testid="urp-route-gpx-error">
          {t('routes.gpxError', { message: gpxError })}
        </Typography>
      )}
      {route.error && (
        <Typography tag="p" textColor="danger600" data-testid="urp-route-error">
          {route.error}
        </Typography>
      )}

      {team && (
        <Box marginBottom={3}>
          <Typography variant="beta" tag="h2">
            {t('routes.heading', { team: teamName, date: formatDate(plan?.date ?? date) })}
          </Typography>
          {plan && (
            <Typography
              tag="p"
              variant="omega"
              textColor="neutral600"
              data-testid="urp-route-total"
            >
              {t('routes.total', { n: stops.length, km: km(plan.totalMeters) })}
            </Typography>
          )}
        </Box>
      )}

      <Flex gap={4} alignItems="flex-start" wrap="wrap">
        <Box flex="3 1 560px" minWidth="320px">
          {route.loading && <Loader small>{t('loading')}</Loader>}
          {plan && stops.length === 0 && (
            <Typography tag="p" textColor="neutral600" data-testid="urp-route-empty">
              {t('routes.empty')}
            </Typography>
          )}
          {plan && stops.length > 0 && (
            <Table colCount={5} rowCount={stops.length + 1} data-testid="urp-route-stops">
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{t('routes.col.order')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('col.code')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('col.priority')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('field.address')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('routes.col.leg')}</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {stops.map((s) => (
                  <Tr key={s.code} data-testid="urp-route-stop" data-code={s.code}>
                    <Td>
                      <Typography fontWeight="bold">{s.order}</Typography>
                    </Td>
                    <Td>
                      <Button
                        variant="ghost"
                        size="S"
                        onClick={() => setOpenCode(s.code)}
                        aria-label={t('drawer.title', { code: s.code })}
                      >
                        {s.code}
                      </Button>
                    </Td>
                    <Td>
                      {s.band ? (
                        <Badge
                          textColor={s.band === 'medium' ? 'neutral800' : 'neutral0'}
                          style={{ background: BAND_COLOURS[s.band] }}
                        >
                          {t(`band.${s.band}` as TKey)}
                        </Badge>
                      ) : (
                        '—'
                      )}
                    </Td>
                    <Td>
                      <Typography>{s.address ?? '—'}</Typography>
                    </Td>
                    <Td>
                      <Typography>{km(s.legMeters)}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          {plan && plan.unplaced.length > 0 && (
            <Typography
              tag="p"
              variant="pi"
              textColor="neutral600"
              data-testid="urp-route-unplaced"
            >
              {t('routes.unplaced', { codes: plan.unplaced.join(', ') })}
            </Typography>
          )}
          {plan?.truncated && (
            <Typography tag="p" variant="pi" textColor="warning600">
              {t('routes.truncated', { n: stops.length + plan.unplaced.length })}
            </Typography>
          )}
        </Box>
        <Box flex="2 1 380px" minWidth="320px" position="relative">
          <div
            ref={containerRef}
            className="urp-map"
            data-testid="urp-route-map"
            aria-label={t('nav.routes')}
            style={{ height: 520, width: '100%' }}
          />
          <BaseMapNote visible={tilesFailed} />
        </Box>
      </Flex>

      {openCode && (
        <Box className="urp-no-print">
          <CaseDrawer
            code={openCode}
            onClose={() => setOpenCode(null)}
            onChanged={() => route.reload()}
          />
        </Box>
      )}
    </Box>
  );
}
