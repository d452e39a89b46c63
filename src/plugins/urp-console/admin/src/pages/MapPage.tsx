/**
 * Reports on a map. The visible area is loaded from GET /urp-console/map (bounding box, zoom and
 * the queue's filters) whenever the user stops panning or zooming; an older answer never
 * replaces a newer one. Where the server groups reports (zoomed out) its clusters are discs
 * sized by their count; single reports are clustered on the client (leaflet.markercluster) and
 * coloured by priority band. The filters live in the URL with the queue page's names, so a link
 * from the queue (and back) keeps them. Clicking a report opens its case drawer.
 */
import { useEffect, useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Box,
  Button,
  Checkbox,
  Flex,
  Loader,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { BASE, errorText, queryString } from '../api';
import { useT, type TKey } from '../i18n';
import type { Band } from '../types';
import CaseDrawer from '../components/CaseDrawer';
import {
  BANDS,
  BandLegend,
  BaseMapNote,
  HeatLayer,
  L,
  asBand,
  caseIcon,
  escapeHtml,
  pointClusterGroup,
  serverClusterIcon,
  useLeafletMap,
  useMapConfig,
  type HeatPoint,
} from '../components/leaflet';
import { useFilterChoices } from '../components/map-options';

/** The queue's filter parameters (kind is always "report" here). */
const FILTER_KEYS = [
  'office',
  'team',
  'topic',
  'status',
  'band',
  'overdue',
  'emergency',
  'q',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;

const MOVE_DEBOUNCE_MS = 300;
const SEARCH_DEBOUNCE_MS = 400;

export interface MapCluster {
  lat: number;
  lng: number;
  count: number;
  band: Band | null;
  emergencies: number;
}

export interface MapPoint {
  code: string;
  lat: number;
  lng: number;
  band: Band | null;
  priority: number | null;
  state: string | null;
  emergency: boolean;
  overdue: boolean;
  excerpt: string;
}

export interface MapAnswer {
  clusters: MapCluster[];
  points: MapPoint[];
  total: number | null;
  clustered: boolean;
}

const finite = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};
const truthy = (v: unknown) => v === true || v === 'true' || v === 1 || v === '1';

/** Reads the answer leniently: { data: { clusters, points }, meta }, or close to it. */
export function parseMapAnswer(raw: unknown): MapAnswer {
  const top = (raw ?? {}) as Record<string, unknown>;
  const body = (top.data ?? top) as Record<string, unknown> | unknown[];
  const meta = (top.meta ?? {}) as Record<string, unknown>;
  const rawPoints = Array.isArray(body) ? body : (body.points ?? body.reports ?? []);
  const rawClusters = Array.isArray(body) ? [] : (body.clusters ?? []);

  const clusters: MapCluster[] = [];
  for (const c of Array.isArray(rawClusters) ? rawClusters : []) {
    const o = (c ?? {}) as Record<string, unknown>;
    const lat = finite(o.lat ?? o.latitude);
    const lng = finite(o.lng ?? o.lon ?? o.longitude);
    const count = finite(o.count ?? o.n) ?? 0;
    if (lat == null || lng == null || count <= 0) continue;
    const emergencies = finite(o.emergencies ?? o.emergencyCount) ?? 0;
    clusters.push({
      lat,
      lng,
      count,
      emergencies,
      band: asBand(o.band ?? o.maxBand) ?? (emergencies > 0 ? 'emergency' : null),
    });
  }

  const points: MapPoint[] = [];
  for (const p of Array.isArray(rawPoints) ? rawPoints : []) {
    const o = (p ?? {}) as Record<string, unknown>;
    const code = o.referenceCode ?? o.code ?? o.reference_code;
    const lat = finite(o.lat ?? o.latitude);
    const lng = finite(o.lng ?? o.lon ?? o.longitude);
    if (typeof code !== 'string' || !code || lat == null || lng == null) continue;
    const emergency = truthy(o.emergency);
    points.push({
      code,
      lat,
      lng,
      emergency,
      overdue: truthy(o.overdue),
      band: asBand(o.band) ?? (emergency ? 'emergency' : null),
      priority: finite(o.priority),
      state: typeof (o.state ?? o.status) === 'string' ? ((o.state ?? o.status) as string) : null,
      excerpt:
        typeof (o.excerpt ?? o.description) === 'string' ? String(o.excerpt ?? o.description) : '',
    });
  }

  const total = finite(meta.total) ?? clusters.reduce((s, c) => s + c.count, 0) + points.length;
  return {
    clusters,
    points,
    total,
    clustered: meta.clustered != null ? truthy(meta.clustered) : clusters.length > 0,
  };
}

function clamp(x: number, min: number, max: number) {
  return Math.min(max, Math.max(min, x));
}

/** west,south,east,north of the visible area, within the world's bounds. */
function bboxOf(map: L.Map): string {
  const b = map.getBounds();
  return [
    clamp(b.getWest(), -180, 180),
    clamp(b.getSouth(), -90, 90),
    clamp(b.getEast(), -180, 180),
    clamp(b.getNorth(), -90, 90),
  ]
    .map((x) => x.toFixed(5))
    .join(',');
}

function pointTooltip(p: MapPoint, t: (k: TKey) => string): string {
  const flags = [
    p.emergency ? t('badge.emergency') : null,
    p.overdue ? t('badge.overdue') : null,
  ].filter(Boolean);
  const excerpt = p.excerpt.length > 120 ? `${p.excerpt.slice(0, 117)}…` : p.excerpt;
  return `<strong>${escapeHtml(p.code)}</strong>${
    p.band ? ` · ${escapeHtml(t(`band.${p.band}` as TKey))}` : ''
  }${flags.length ? ` · <strong>${escapeHtml(flags.join(', '))}</strong>` : ''}${
    p.state ? `<br/>${escapeHtml(t(`status.${p.state}` as TKey))}` : ''
  }${excerpt ? `<br/>${escapeHtml(excerpt)}` : ''}`;
}

function FilterSelect({
  label,
  value,
  choices,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  choices: { value: string; label: string }[];
  onChange: (value: string | null) => void;
  testId: string;
}) {
  const t = useT();
  return (
    <Box minWidth="160px" data-testid={testId}>
      <SingleSelect
        aria-label={label}
        placeholder={`${label}: ${t('filter.any')}`}
        size="S"
        value={value}
        onChange={(v) => onChange(String(v))}
        onClear={() => onChange(null)}
        clearLabel={t('filter.reset')}
      >
        {choices.map((c) => (
          <SingleSelectOption key={c.value} value={c.value}>
            {c.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Box>
  );
}

export default function MapPage() {
  const t = useT();
  const { get } = useFetchClient();
  const [params, setParams] = useSearchParams();
  const choices = useFilterChoices();

  const filters: Filters = useMemo(() => {
    const f: Filters = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const filterKey = JSON.stringify(filters);

  const setFilter = (key: FilterKey, value: string | null) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key === 'office' && value) next.delete('team'); // a team belongs to one office
        return next;
      },
      { replace: true }
    );
  };
  const resetFilters = () => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        FILTER_KEYS.forEach((k) => next.delete(k));
        return next;
      },
      { replace: true }
    );
    setSearch('');
  };

  // The search box writes to the URL once the user pauses typing.
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => {
    // The URL changed from outside (a link, reset, back): show its search, not a stale one.
    setSearch((s) => (s.trim() === (filters.q ?? '') ? s : (filters.q ?? '')));
  }, [filters.q]);
  useEffect(() => {
    const q = search.trim();
    if (q === (filters.q ?? '')) return;
    const timer = setTimeout(() => setFilter('q', q || null), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const config = useMapConfig();
  const containerRef = useRef<HTMLDivElement>(null);
  const { map, tilesFailed } = useLeafletMap(containerRef, config);

  const [answer, setAnswer] = useState<MapAnswer | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [heat, setHeat] = useState(false);
  const [openCode, setOpenCode] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  // Load the visible area: at once for new filters, debounced while the map moves; each request
  // aborts the one before, and an aborted request's answer is dropped.
  useEffect(() => {
    if (!map) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current: AbortController | null = null;
    const load = () => {
      current?.abort();
      const mine = new AbortController();
      current = mine;
      setLoading(true);
      const url = `${BASE}/map${queryString({
        kind: 'report',
        bbox: bboxOf(map),
        zoom: Math.round(map.getZoom()),
        ...filters,
      })}`;
      get(url, { signal: mine.signal })
        .then((res) => {
          if (mine.signal.aborted) return;
          setAnswer(parseMapAnswer(res.data));
          setError(null);
        })
        .catch((e) => {
          if (mine.signal.aborted) return;
          setError(errorText(e));
        })
        .finally(() => {
          if (!mine.signal.aborted) setLoading(false);
        });
    };
    const onMove = () => {
      clearTimeout(timer);
      timer = setTimeout(load, MOVE_DEBOUNCE_MS);
    };
    map.on('moveend', onMove);
    load();
    return () => {
      map.off('moveend', onMove);
      clearTimeout(timer);
      current?.abort();
    };
  }, [map, filterKey, reloads]);

  // The layers, made once per map.
  const layers = useRef<{
    clusters: L.LayerGroup;
    points: L.MarkerClusterGroup;
    heat: HeatLayer;
  } | null>(null);
  useEffect(() => {
    if (!map) return;
    const clusters = L.layerGroup().addTo(map);
    const points = pointClusterGroup().addTo(map);
    layers.current = { clusters, points, heat: new HeatLayer() };
    return () => {
      clusters.remove();
      points.remove();
      layers.current?.heat.remove();
      layers.current = null;
    };
  }, [map]);

  // Draw the answer.
  useEffect(() => {
    const l = layers.current;
    if (!map || !l) return;
    l.clusters.clearLayers();
    l.points.clearLayers();
    if (!answer) return;
    for (const c of answer.clusters) {
      const marker = L.marker([c.lat, c.lng], {
        icon: serverClusterIcon(c.count, c.band, c.emergencies),
        title: t('map.cluster', { n: c.count }),
        alt: t('map.cluster', { n: c.count }),
        riseOnHover: true,
      });
      marker.on('click', () =>
        map.setView([c.lat, c.lng], Math.min(map.getZoom() + 2, map.getMaxZoom()))
      );
      l.clusters.addLayer(marker);
    }
    const markers = answer.points.map((p) => {
      const marker = L.marker([p.lat, p.lng], {
        icon: caseIcon(p.band, { emergency: p.emergency, overdue: p.overdue }),
        alt: p.code,
        riseOnHover: true,
        zIndexOffset: p.emergency ? 1000 : p.overdue ? 500 : 0,
        band: p.band,
      } as L.MarkerOptions);
      marker.bindTooltip(pointTooltip(p, t), { direction: 'top' });
      marker.on('click', () => setOpenCode(p.code));
      return marker;
    });
    l.points.addLayers(markers);
    const heatPoints: HeatPoint[] = [
      ...answer.clusters.map((c) => ({ lat: c.lat, lng: c.lng, weight: c.count })),
      ...answer.points.map((p) => ({ lat: p.lat, lng: p.lng, weight: 1 })),
    ];
    l.heat.setPoints(heatPoints);
  }, [map, answer, t]);

  useEffect(() => {
    const l = layers.current;
    if (!map || !l) return;
    if (heat) l.heat.addTo(map);
    else l.heat.remove();
  }, [map, heat]);

  const options = choices.options;
  const officeChoices = (options?.offices ?? []).map((o) => ({
    value: o.documentId,
    label: o.name,
  }));
  const teamChoices = (choices.teams ?? [])
    .filter((tm) => !filters.office || !tm.officeKey || tm.officeKey === filters.office)
    .map((tm) => ({ value: tm.documentId, label: tm.name }));
  const topicChoices = (options?.topics ?? []).map((o) => ({ value: o.documentId, label: o.name }));
  const bandChoices = BANDS.map((b) => ({ value: b, label: t(`band.${b}` as TKey) }));
  // A value from a link that the lists do not (yet) know still shows as itself.
  const withCurrent = (list: { value: string; label: string }[], value: string | undefined) =>
    value && !list.some((c) => c.value === value) ? [...list, { value, label: value }] : list;

  const queueSearch = (() => {
    const q = new URLSearchParams();
    q.set('kind', 'report');
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
    return `?${q.toString()}`;
  })();

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex
        role="search"
        aria-label={t('map.filters')}
        data-testid="urp-map-filters"
        gap={2}
        wrap="wrap"
        alignItems="center"
      >
        {officeChoices.length > 0 || filters.office ? (
          <FilterSelect
            testId="urp-map-filter-office"
            label={t('filter.office')}
            value={filters.office ?? ''}
            choices={withCurrent(officeChoices, filters.office)}
            onChange={(v) => setFilter('office', v)}
          />
        ) : null}
        {teamChoices.length > 0 || filters.team ? (
          <FilterSelect
            testId="urp-map-filter-team"
            label={t('filter.team')}
            value={filters.team ?? ''}
            choices={withCurrent(teamChoices, filters.team)}
            onChange={(v) => setFilter('team', v)}
          />
        ) : null}
        {topicChoices.length > 0 || filters.topic ? (
          <FilterSelect
            testId="urp-map-filter-topic"
            label={t('filter.topic')}
            value={filters.topic ?? ''}
            choices={withCurrent(topicChoices, filters.topic)}
            onChange={(v) => setFilter('topic', v)}
          />
        ) : null}
        <FilterSelect
          testId="urp-map-filter-band"
          label={t('filter.band')}
          value={filters.band ?? ''}
          choices={withCurrent(bandChoices, filters.band)}
          onChange={(v) => setFilter('band', v)}
        />
        <Box minWidth="200px">
          <TextInput
            aria-label={t('filter.search')}
            placeholder={t('filter.search')}
            size="S"
            name="q"
            data-testid="urp-map-filter-q"
            value={search}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setSearch(e.target.value)}
            onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
              if (e.key === 'Enter') setFilter('q', search.trim() || null);
            }}
          />
        </Box>
        <Checkbox
          data-testid="urp-map-filter-overdue"
          checked={filters.overdue === 'true'}
          onCheckedChange={(v: boolean | 'indeterminate') =>
            setFilter('overdue', v === true ? 'true' : null)
          }
        >
          {t('filter.overdue')}
        </Checkbox>
        <Checkbox
          data-testid="urp-map-filter-emergency"
          checked={filters.emergency === 'true'}
          onCheckedChange={(v: boolean | 'indeterminate') =>
            setFilter('emergency', v === true ? 'true' : null)
          }
        >
          {t('filter.emergency')}
        </Checkbox>
        <Checkbox
          data-testid="urp-map-heat"
          checked={heat}
          onCheckedChange={(v: boolean | 'indeterminate') => setHeat(v === true)}
        >
          {t('map.heat')}
        </Checkbox>
        <Button variant="tertiary" size="S" type="button" onClick={resetFilters}>
          {t('filter.reset')}
        </Button>
        <Link
          to={{ pathname: '..', search: queueSearch }}
          relative="path"
          data-testid="urp-map-to-queue"
        >
          <Typography variant="pi" textColor="primary600">
            {t('map.asList')}
          </Typography>
        </Link>
      </Flex>

      <Flex justifyContent="space-between" alignItems="center" gap={4} wrap="wrap">
        <Flex gap={2} alignItems="center" role="status" aria-live="polite">
          {loading && <Loader small>{t('map.loading')}</Loader>}
          {answer && (
            <Typography variant="pi" data-testid="urp-map-total">
              {t('map.total', { n: answer.total ?? 0 })}
              {answer.clustered ? ` · ${t('map.clustered')}` : ''}
            </Typography>
          )}
          {error && (
            <Typography variant="pi" textColor="danger600" data-testid="urp-map-error">
              {t('map.error', { message: error })}
            </Typography>
          )}
        </Flex>
        <BandLegend />
      </Flex>

      <Box position="relative">
        <div
          ref={containerRef}
          className="urp-map"
          data-testid="urp-map"
          aria-label={t('nav.map')}
          style={{ height: 'calc(100vh - 300px)', minHeight: 420, width: '100%' }}
        />
        {!config && (
          <Box position="absolute" top={4} left={4}>
            <Loader small>{t('loading')}</Loader>
          </Box>
        )}
        <BaseMapNote visible={tilesFailed} />
      </Box>

      {openCode && (
        <CaseDrawer
          code={openCode}
          onClose={() => setOpenCode(null)}
          onChanged={() => setReloads((n) => n + 1)}
        />
      )}
    </Flex>
  );
}
