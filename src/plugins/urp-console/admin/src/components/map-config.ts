/**
 * The console's base map settings (tile URL, attribution, centre, zoom), read once per admin
 * session from /urp-console/map/config. Apart from leaflet.tsx so that the console's frame can ask
 * for them as it opens, without loading Leaflet: the map page then finds them ready.
 */
import type { getFetchClient } from '@strapi/strapi/admin';
import { BASE } from '../api';

const num = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** A position as the server may write it: [lat, lng], {lat, lng}, {latitude, longitude}. */
export function latLngOf(v: unknown): [number, number] | null {
  if (Array.isArray(v) && v.length >= 2) {
    const [lat, lng] = [num(v[0]), num(v[1])];
    return lat != null && lng != null ? [lat, lng] : null;
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const lat = num(o.lat ?? o.latitude);
    const lng = num(o.lng ?? o.lon ?? o.longitude);
    return lat != null && lng != null ? [lat, lng] : null;
  }
  return null;
}

// ---- base map configuration -------------------------------------------------------------------

export interface MapConfig {
  tileUrl: string;
  attribution: string;
  center: [number, number];
  zoom: number;
}

/** Pisa and OpenStreetMap: what config/benecomune.ts defaults to, used if the server is silent. */
export const FALLBACK_MAP_CONFIG: MapConfig = {
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© OpenStreetMap contributors',
  center: [43.7167, 10.4],
  zoom: 13,
};

export function parseMapConfig(raw: unknown): MapConfig {
  const body = ((raw as { data?: unknown })?.data ?? raw ?? {}) as Record<string, unknown>;
  const zoom = num(body.zoom);
  return {
    tileUrl:
      typeof body.tileUrl === 'string' && body.tileUrl ? body.tileUrl : FALLBACK_MAP_CONFIG.tileUrl,
    attribution:
      typeof body.attribution === 'string' ? body.attribution : FALLBACK_MAP_CONFIG.attribution,
    center: latLngOf(body.center) ?? FALLBACK_MAP_CONFIG.center,
    zoom: zoom != null && zoom >= 0 && zoom <= 22 ? Math.round(zoom) : FALLBACK_MAP_CONFIG.zoom,
  };
}

/** One request per admin session; a failed one is retried by the next map that opens. */
let configRequest: Promise<MapConfig> | null = null;

export function loadMapConfig(get: ReturnType<typeof getFetchClient>['get']): Promise<MapConfig> {
  if (!configRequest) {
    configRequest = get(`${BASE}/map/config`)
      .then((res) => parseMapConfig(res.data))
      .catch(() => {
        configRequest = null;
        return FALLBACK_MAP_CONFIG;
      });
  }
  return configRequest;
}
