/**
 * What the console's two maps (MapPage, RoutesPage) share: Leaflet with the base map the server
 * configures (GET /urp-console/map/config), the priority bands' colours, the markers' icons, a
 * density ("heat") layer and the note shown when the base map cannot be loaded.
 *
 * The base map is decoration: when its tiles fail (no network, a blocked host) the map still
 * draws markers, clusters and routes, and says discreetly that the base map is missing.
 */
import { useEffect, useState, type CSSProperties, type RefObject } from 'react';
import L from 'leaflet';
// leaflet.markercluster extends the global L that leaflet sets when it loads (window.L === L).
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import { Box, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useT, type TKey } from '../i18n';
import { loadMapConfig, type MapConfig } from './map-config';

export { FALLBACK_MAP_CONFIG, latLngOf, parseMapConfig, type MapConfig } from './map-config';
import type { Band } from '../types';

export { L };

export const BANDS: Band[] = ['emergency', 'high', 'medium', 'low'];

/** Emergency red, high orange, medium yellow, low green; grey when a case has no band. */
export const BAND_COLOURS: Record<Band | 'none', string> = {
  emergency: '#d02b20',
  high: '#f08c00',
  medium: '#f5c518',
  low: '#2f9e44',
  none: '#8e8ea9',
};

export function asBand(value: unknown): Band | null {
  return typeof value === 'string' && (BANDS as string[]).includes(value) ? (value as Band) : null;
}

/** The most urgent of some bands (emergency first), or null when none has one. */
export function worstBand(bands: (Band | null | undefined)[]): Band | null {
  let best = -1;
  for (const b of bands) {
    const i = b ? BANDS.indexOf(b) : -1;
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best < 0 ? null : BANDS[best];
}

export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
  );
}

export function useMapConfig(): MapConfig | null {
  const { get } = useFetchClient();
  const [config, setConfig] = useState<MapConfig | null>(null);
  useEffect(() => {
    let live = true;
    loadMapConfig(get).then((c) => live && setConfig(c));
    return () => {
      live = false;
    };
  }, []);
  return config;
}

// ---- the map itself ---------------------------------------------------------------------------

const STYLE_ID = 'urp-leaflet-styles';
const STYLES = `
.urp-map { position: relative; z-index: 0; background: #eef0f4; border-radius: 4px; }
.urp-marker, .urp-cluster-icon, .urp-stop-icon, .urp-base-icon { background: none; border: none; }
.urp-band-emergency { --urp-c: ${BAND_COLOURS.emergency}; }
.urp-band-high { --urp-c: ${BAND_COLOURS.high}; }
.urp-band-medium { --urp-c: ${BAND_COLOURS.medium}; }
.urp-band-low { --urp-c: ${BAND_COLOURS.low}; }
.urp-band-none { --urp-c: ${BAND_COLOURS.none}; }
.urp-pin { position: relative; box-sizing: border-box; width: 18px; height: 18px; border-radius: 50%;
  background: var(--urp-c); border: 2px solid #fff;
  box-shadow: 0 0 0 1px rgba(0,0,0,.45), 0 1px 3px rgba(0,0,0,.35); }
.urp-emergency .urp-pin { width: 22px; height: 22px; border-radius: 4px; transform: rotate(45deg);
  animation: urp-pulse 1.6s ease-out infinite; }
.urp-emergency .urp-pin::before { content: '!'; position: absolute; inset: 0; transform: rotate(-45deg);
  color: #fff; font: bold 13px/18px sans-serif; text-align: center; }
.urp-overdue .urp-pin::after { content: ''; position: absolute; top: -5px; right: -5px; width: 9px;
  height: 9px; border-radius: 50%; background: #212134; border: 1.5px solid #fff; }
.urp-emergency.urp-overdue .urp-pin::after { transform: rotate(-45deg); }
@keyframes urp-pulse { 0% { box-shadow: 0 0 0 0 rgba(208,43,32,.7); }
  70% { box-shadow: 0 0 0 10px rgba(208,43,32,0); } 100% { box-shadow: 0 0 0 0 rgba(208,43,32,0); } }
.urp-cluster { position: relative; box-sizing: border-box; width: 100%; height: 100%; border-radius: 50%;
  display: flex; align-items: center; justify-content: center; background: var(--urp-c);
  opacity: .88; border: 3px solid rgba(255,255,255,.85); box-shadow: 0 1px 4px rgba(0,0,0,.4);
  color: #fff; font: bold 12px sans-serif; text-shadow: 0 0 3px rgba(0,0,0,.8); cursor: pointer; }
.urp-cluster-sos { position: absolute; top: -6px; right: -6px; min-width: 16px; height: 16px;
  padding: 0 3px; box-sizing: border-box; border-radius: 8px; background: ${BAND_COLOURS.emergency};
  border: 1.5px solid #fff; font: bold 10px/13px sans-serif; text-align: center; text-shadow: none; }
.marker-cluster.urp-mc { background-color: rgba(33,33,52,.15); }
.marker-cluster.urp-mc div { background-color: var(--urp-c); color: #fff; font-weight: bold;
  text-shadow: 0 0 3px rgba(0,0,0,.8); }
.urp-stop { box-sizing: border-box; width: 26px; height: 26px; border-radius: 50%; background: var(--urp-c);
  border: 2px solid #fff; box-shadow: 0 0 0 1px rgba(0,0,0,.5); color: #fff;
  font: bold 12px/22px sans-serif; text-align: center; text-shadow: 0 0 3px rgba(0,0,0,.8); cursor: pointer; }
.urp-base { box-sizing: border-box; width: 26px; height: 26px; border-radius: 4px; background: #212134;
  border: 2px solid #fff; color: #fff; font: bold 15px/22px sans-serif; text-align: center; }
/* The admin's reset caps canvases at their parent's width, and a Leaflet pane has none. */
.urp-heat { pointer-events: none; opacity: .8; max-width: none !important; max-height: none !important; }
.urp-heat-on .urp-cluster, .urp-heat-on .marker-cluster { opacity: .4; }
.urp-heat-on .urp-marker { opacity: .7; }
`;

function ensureStyles(): void {
  if (typeof document === 'undefined' || document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = STYLES;
  document.head.appendChild(style);
}

/**
 * A Leaflet map in `container`, with the configured base map, once the configuration is known.
 * `tilesFailed` is true while the base map's last tile failed to load.
 */
export function useLeafletMap(container: RefObject<HTMLDivElement>, config: MapConfig | null) {
  const [map, setMap] = useState<L.Map | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  useEffect(() => {
    const el = container.current;
    if (!el || !config) return;
    ensureStyles();
    const m = L.map(el, { center: config.center, zoom: config.zoom, zoomControl: true });
    const tiles = L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 });
    tiles.on('tileerror', (e: L.TileErrorEvent) => {
      // No broken-image icons over the markers: a missing tile is simply blank.
      (e.tile as HTMLElement).style.display = 'none';
      setTilesFailed(true);
    });
    tiles.on('tileload', () => setTilesFailed(false));
    tiles.addTo(m);
    // The admin's layout can resize the map (menu collapsed, window resized, printing).
    const observer =
      typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => m.invalidateSize()) : null;
    observer?.observe(el);
    setMap(m);
    return () => {
      observer?.disconnect();
      m.remove();
      setMap(null);
      setTilesFailed(false);
    };
  }, [config]);
  return { map, tilesFailed };
}

/** The discreet note over a map whose base map could not be loaded. */
export function BaseMapNote({ visible }: { visible: boolean }) {
  const t = useT();
  if (!visible) return null;
  return (
    <Box
      position="absolute"
      bottom={2}
      left={2}
      padding={1}
      paddingLeft={2}
      paddingRight={2}
      background="neutral0"
      hasRadius
      shadow="filterShadow"
      style={{ zIndex: 1000, opacity: 0.9, pointerEvents: 'none' }}
      data-testid="urp-map-tiles-unavailable"
      role="status"
    >
      <Typography variant="pi" textColor="neutral600">
        {t('map.tilesUnavailable')}
      </Typography>
    </Box>
  );
}

// ---- icons ------------------------------------------------------------------------------------

const bandClass = (band: Band | null | undefined) => `urp-band-${band ?? 'none'}`;

/** One case: a dot in its band's colour; emergencies a pulsing diamond, overdue a dark badge. */
export function caseIcon(
  band: Band | null,
  flags: { emergency?: boolean; overdue?: boolean } = {}
): L.DivIcon {
  const emergency = flags.emergency || band === 'emergency';
  const classes = ['urp-marker', bandClass(band)];
  if (emergency) classes.push('urp-emergency');
  if (flags.overdue) classes.push('urp-overdue');
  const size = emergency ? 22 : 18;
  return L.divIcon({
    className: classes.join(' '),
    html: `<div class="urp-pin" data-testid="urp-map-marker" data-band="${band ?? 'none'}"${
      emergency ? ' data-emergency="true"' : ''
    }${flags.overdue ? ' data-overdue="true"' : ''}></div>`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
    tooltipAnchor: [size / 2, 0],
  });
}

/** A server cluster: a disc sized by its count, in its worst band's colour, with emergencies. */
export function serverClusterIcon(count: number, band: Band | null, emergencies = 0): L.DivIcon {
  const size = Math.round(Math.min(72, 26 + 7 * Math.log2(1 + Math.max(0, count))));
  const sos = emergencies > 0 ? `<span class="urp-cluster-sos">${emergencies}</span>` : '';
  return L.divIcon({
    className: `urp-cluster-icon ${bandClass(band)}`,
    html: `<div class="urp-cluster" data-testid="urp-cluster" data-count="${count}">${count}${sos}</div>`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
}

/** markercluster's own clusters (class 'marker-cluster'), coloured by their worst band. */
export function clientClusterIcon(cluster: L.MarkerCluster): L.DivIcon {
  const count = cluster.getChildCount();
  const band = worstBand(
    cluster.getAllChildMarkers().map((m) => (m.options as { band?: Band | null }).band)
  );
  const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
  return L.divIcon({
    className: `marker-cluster marker-cluster-${size} urp-mc ${bandClass(band)}`,
    html: `<div><span>${count}</span></div>`,
    iconSize: [40, 40],
  });
}

/** A group clustering the points it is given on the client (leaflet.markercluster). */
export function pointClusterGroup(): L.MarkerClusterGroup {
  return L.markerClusterGroup({
    iconCreateFunction: clientClusterIcon,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    maxClusterRadius: 50,
    chunkedLoading: true,
  });
}

/** A route's stop: its visiting number in its band's colour. */
export function stopIcon(order: number, band: Band | null): L.DivIcon {
  return L.divIcon({
    className: `urp-stop-icon ${bandClass(band)}`,
    html: `<div class="urp-stop" data-testid="urp-route-marker">${order}</div>`,
    iconSize: [26, 26],
    iconAnchor: [13, 13],
    tooltipAnchor: [13, 0],
  });
}

/** A crew's base. */
export function baseIcon(): L.DivIcon {
  return L.divIcon({
    className: 'urp-base-icon',
    html: '<div class="urp-base" data-testid="urp-route-base">⌂</div>',
    iconSize: [26, 26],
    iconAnchor: [13, 13],
    tooltipAnchor: [13, 0],
  });
}

// ---- density ("heat") layer -------------------------------------------------------------------

export interface HeatPoint {
  lat: number;
  lng: number;
  weight: number;
}

/** Blue → green → yellow → red along the intensity, as 256 RGBA entries. */
function heatPalette(): Uint8ClampedArray {
  const canvas = document.createElement('canvas');
  canvas.width = 256;
  canvas.height = 1;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  const gradient = ctx.createLinearGradient(0, 0, 256, 0);
  gradient.addColorStop(0.2, '#2b83ba');
  gradient.addColorStop(0.45, '#66c2a5');
  gradient.addColorStop(0.65, '#fee08b');
  gradient.addColorStop(0.85, '#f46d43');
  gradient.addColorStop(1, '#d7191c');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, 256, 1);
  return ctx.getImageData(0, 0, 256, 1).data;
}

/**
 * Density of cases on a canvas over the map: each point (a server cluster weighs its count) is a
 * blurred disc, the summed intensity coloured by a palette. Redrawn when the map stops moving;
 * hidden during zoom animations. No dependency beyond Leaflet.
 */
export class HeatLayer extends L.Layer {
  private points: HeatPoint[] = [];
  private canvas: HTMLCanvasElement | null = null;
  private host: L.Map | null = null;
  private palette: Uint8ClampedArray | null = null;

  setPoints(points: HeatPoint[]): this {
    this.points = points;
    this.reset();
    return this;
  }

  onAdd(map: L.Map): this {
    this.host = map;
    map.getContainer().classList.add('urp-heat-on'); // markers fade so the density shows
    this.canvas = L.DomUtil.create('canvas', 'urp-heat leaflet-zoom-hide') as HTMLCanvasElement;
    this.canvas.setAttribute('data-testid', 'urp-map-heat-layer');
    map.getPanes().overlayPane.appendChild(this.canvas);
    map.on('moveend resize', this.reset, this);
    this.reset();
    return this;
  }

  onRemove(map: L.Map): this {
    map.off('moveend resize', this.reset, this);
    map.getContainer().classList.remove('urp-heat-on');
    this.canvas?.remove();
    this.canvas = null;
    this.host = null;
    return this;
  }

  private reset(): void {
    const map = this.host;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const size = map.getSize();
    canvas.width = size.x;
    canvas.height = size.y;
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    this.draw(map, canvas);
  }

  private draw(map: L.Map, canvas: HTMLCanvasElement): void {
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx || !canvas.width || !canvas.height) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (!this.points.length) return;
    const max = Math.max(...this.points.map((p) => p.weight), 1);
    for (const p of this.points) {
      const { x, y } = map.latLngToContainerPoint([p.lat, p.lng]);
      const share = Math.max(0, p.weight) / max;
      const r = 28 + 52 * Math.sqrt(share);
      if (x < -r || y < -r || x > canvas.width + r || y > canvas.height + r) continue;
      const g = ctx.createRadialGradient(x, y, 0, x, y, r);
      const alpha = Math.min(1, 0.25 + 0.75 * share);
      g.addColorStop(0, `rgba(0,0,0,${alpha})`);
      g.addColorStop(1, 'rgba(0,0,0,0)');
      ctx.fillStyle = g;
      ctx.beginPath();
      ctx.arc(x, y, r, 0, Math.PI * 2);
      ctx.fill();
    }
    this.palette ??= heatPalette();
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const px = image.data;
    for (let i = 3; i < px.length; i += 4) {
      const a = px[i];
      if (!a) continue;
      const j = a * 4;
      px[i - 3] = this.palette[j];
      px[i - 2] = this.palette[j + 1];
      px[i - 1] = this.palette[j + 2];
      px[i] = Math.min(255, a * 2); // soft edges, a dense core
    }
    ctx.putImageData(image, 0, 0);
  }
}

/** Legend of the bands' colours, emergencies and overdue cases. */
export function BandLegend() {
  const t = useT();
  const dot = (colour: string, extra: CSSProperties = {}) => (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: 12,
        height: 12,
        borderRadius: '50%',
        background: colour,
        border: '1px solid rgba(0,0,0,.35)',
        ...extra,
      }}
    />
  );
  return (
    <Box
      tag="ul"
      style={{
        display: 'flex',
        gap: 12,
        flexWrap: 'wrap',
        listStyle: 'none',
        margin: 0,
        padding: 0,
      }}
    >
      {BANDS.map((b) => (
        <li key={b} style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
          {dot(
            BAND_COLOURS[b],
            b === 'emergency' ? { borderRadius: 2, transform: 'rotate(45deg)' } : {}
          )}
          <Typography variant="pi">{t(`band.${b}` as TKey)}</Typography>
        </li>
      ))}
      <li style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
        {dot('#212134', {
          width: 8,
          height: 8,
          border: '1.5px solid #fff',
          boxShadow: '0 0 0 1px #212134',
        })}
        <Typography variant="pi">{t('badge.overdue')}</Typography>
      </li>
    </Box>
  );
}
