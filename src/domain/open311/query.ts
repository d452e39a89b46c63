/**
 * The query of GET requests and GET servicerequestupdates: ids, codes, statuses and the date
 * window, with the spec's defaults (the last 90 days, at most 1000 results).
 */
import { Open311Error, type Open311ErrorItem } from './errors';
import { parseW3c } from './datetime';
import type { Open311Status } from './status';

export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_WINDOW_DAYS = 90;
export const MAX_RESULTS = 1000;
const DAY_MS = 86_400_000;

/** A comma list (`a,b, c`) as the clients send it, or repeated parameters; blanks dropped. */
export function commaList(value: unknown): string[] {
  return [value ?? []]
    .flat()
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export interface DateWindow {
  from: Date;
  to: Date;
}

/**
 * `start_date`/`end_date`: both given, at most 90 days apart; one given, 90 days from or up to
 * it; none, the 90 days up to now.
 */
export function dateWindow(
  query: Record<string, unknown>,
  now: Date,
  timeZone: string,
  errors: Open311ErrorItem[]
): DateWindow | null {
  const read = (name: 'start_date' | 'end_date') => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    const at = typeof raw === 'string' ? parseW3c(raw, timeZone, name === 'end_date') : null;
    if (!at) {
      errors.push({
        code: 400,
        description: `${name} must be a W3C date-time, e.g. 2026-11-23T07:58:18Z`,
      });
      return null;
    }
    return at;
  };
  const start = read('start_date');
  const end = read('end_date');
  if (start === null || end === null) return null;
  const span = MAX_WINDOW_DAYS * DAY_MS;
  const from = start ?? new Date((end ?? now).getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
  const to = end ?? (start ? new Date(start.getTime() + span) : now);
  if (from.getTime() > to.getTime()) {
    errors.push({ code: 400, description: 'start_date must not be after end_date' });
    return null;
  }
  if (to.getTime() - from.getTime() > span) {
    errors.push({
      code: 400,
      description: `start_date and end_date may not span more than ${MAX_WINDOW_DAYS} days`,
    });
    return null;
  }
  return { from, to };
}

export interface RequestQuery {
  /** Given ids override every other filter (the spec). */
  ids?: string[];
  serviceCodes: string[];
  statuses: Open311Status[];
  window?: DateWindow;
  limit: number;
}

export function parseRequestQuery(
  query: Record<string, unknown>,
  now: Date,
  timeZone: string
): RequestQuery {
  const errors: Open311ErrorItem[] = [];
  const ids = commaList(query.service_request_id).map((id) => id.toUpperCase());
  if (ids.length > MAX_RESULTS)
    throw Open311Error.of(400, `At most ${MAX_RESULTS} service_request_id at once`);
  if (ids.length) return { ids, serviceCodes: [], statuses: [], limit: MAX_RESULTS };
  const statuses = commaList(query.status).map((s) => s.toLowerCase());
  const bad = statuses.filter((s) => s !== 'open' && s !== 'closed');
  if (bad.length)
    errors.push({ code: 400, description: `status must be open or closed, not ${bad.join(', ')}` });
  const window = dateWindow(query, now, timeZone, errors);
  if (errors.length || !window) throw new Open311Error(400, errors);
  return {
    serviceCodes: commaList(query.service_code),
    statuses: statuses as Open311Status[],
    window,
    limit: MAX_RESULTS,
  };
}
