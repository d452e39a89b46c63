/**
 * The console pages' access to the plugin's admin routes (/urp-console/...), through the admin's
 * own fetch client (admin JWT, JSON, errors as Strapi shapes them). `useConsoleData` loads and
 * reloads one resource; `errorText` turns a refusal into the sentence the server wrote.
 */
import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

export const BASE = '/urp-console';

export type Query = Record<string, string | number | boolean | undefined | null>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function errorText(e: unknown): string {
  const err = e as {
    response?: { data?: { error?: { message?: string; details?: unknown } } };
    message?: string;
  };
  return err?.response?.data?.error?.message ?? err?.message ?? String(e);
}

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (with `query`) whenever either changes; null path means "not yet". */
export function useConsoleData<T>(path: string | null, query: Query = {}): Loaded<T> {
  const { get } = useFetchClient();
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: Boolean(path),
  });
  const [tick, setTick] = useState(0);
  const key = path ? `${path}${queryString(query)}` : null;
  useEffect(() => {
    if (!key) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    get<T>(`${BASE}${key}`)
      .then((res) => live && setState({ data: res.data, error: null, loading: false }))
      .catch((e) => live && setState({ data: null, error: errorText(e), loading: false }));
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** POSTs to a console route; resolves to the answer's data or rejects with the server's sentence. */
export function useConsolePost() {
  return useConsoleSend('post');
}

/** POSTs or PUTs a JSON body; resolves with the answer's `data`, rejects with the server's sentence. */
export function useConsoleSend(method: 'post' | 'put') {
  const client = useFetchClient();
  const send = client[method];
  return useCallback(
    async <T = unknown>(path: string, body: unknown): Promise<T> => {
      try {
        const res = await send<{ data: T }>(`${BASE}${path}`, body);
        return res.data.data;
      } catch (e) {
        throw new Error(errorText(e));
      }
    },
    [send]
  );
}
