/**
 * The console speaks the admin's language (Italian or English): every label is a key of
 * translations/<locale>.json, prefixed with the plugin id by index.ts; English is the fallback.
 */
import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import en from './translations/en.json';
import { PLUGIN_ID } from './pluginId';

export type TKey = keyof typeof en;
export type Translate = (key: TKey, values?: Record<string, string | number>) => string;

export function useT(): Translate {
  const { formatMessage } = useIntl();
  return useCallback(
    (key, values) =>
      formatMessage({ id: `${PLUGIN_ID}.${key}`, defaultMessage: en[key] ?? key }, values),
    [formatMessage]
  );
}

/** Dates and times as the admin's locale writes them, in the city's time zone. */
export function useFormat() {
  const { locale } = useIntl();
  const dateTime = (iso: string | null | undefined) =>
    iso
      ? new Date(iso).toLocaleString(locale, {
          timeZone: 'Europe/Rome',
          dateStyle: 'short',
          timeStyle: 'short',
        })
      : '—';
  const date = (iso: string | null | undefined) =>
    iso ? new Date(iso).toLocaleDateString(locale, { timeZone: 'Europe/Rome' }) : '—';
  return { locale, dateTime, date };
}

/** "in 3 d", "2 d late": the countdown a queue row shows next to its due date. */
export function countdown(dueIso: string | null, nowMs: number, t: Translate): string | null {
  if (!dueIso) return null;
  const ms = new Date(dueIso).getTime() - nowMs;
  const hours = Math.round(Math.abs(ms) / 3_600_000);
  const amount = hours >= 48 ? `${Math.round(hours / 24)} d` : `${hours} h`;
  return ms >= 0 ? t('due.in', { amount }) : t('due.late', { amount });
}
