/**
 * W3C date-times (https://www.w3.org/TR/NOTE-datetime) as Open311 clients read and write them:
 * whole seconds, with the city's offset (`2026-11-23T08:58:18+01:00`) or `Z`; never milliseconds.
 */

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes the zone is ahead of UTC at an instant. */
export function zoneOffsetMinutes(timeZone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second
  );
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
}

/** An instant as a W3C date-time in the zone (`Z` for UTC), truncated to the second. */
export function formatW3c(at: Date, timeZone = 'UTC'): string {
  const ms = Math.floor(at.getTime() / 1000) * 1000;
  if (Number.isNaN(ms)) throw new RangeError('formatW3c: invalid date');
  const offset = timeZone === 'UTC' ? 0 : zoneOffsetMinutes(timeZone, ms);
  const local = new Date(ms + offset * 60000);
  const date =
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  if (offset === 0) return `${date}Z`;
  const sign = offset > 0 ? '+' : '-';
  return `${date}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** The instant a local wall-clock time names in the zone (the earlier one in a DST overlap). */
export function zonedWallTime(timeZone: string, wallUtcMs: number): number {
  let guess = wallUtcMs - zoneOffsetMinutes(timeZone, wallUtcMs) * 60000;
  guess = wallUtcMs - zoneOffsetMinutes(timeZone, guess) * 60000;
  return guess;
}

// YYYY-MM-DD, optionally Thh:mm[:ss[.fff]] and Z or ±hh:mm. A '+' sent unencoded in a query
// string arrives as a space: " 01:00" is read as "+01:00".
const W3C =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+ -]\d{2}:?\d{2})?)?$/i;

/**
 * Parses a W3C date-time. Without an offset the time is the city's wall-clock time; a date alone
 * is the start of that local day, or its end (`endOfDay`, for the end of a range). Null when the
 * text is no valid date-time.
 */
export function parseW3c(text: string, timeZone: string, endOfDay = false): Date | null {
  const m = W3C.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const dayStart = Date.UTC(year, month - 1, day);
  const check = new Date(dayStart);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  if (h === undefined) {
    if (!endOfDay) return new Date(zonedWallTime(timeZone, dayStart));
    return new Date(zonedWallTime(timeZone, dayStart + 86_400_000) - 1);
  }
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = s === undefined ? 0 : Number(s);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const wall = dayStart + ((hours * 60 + minutes) * 60 + seconds) * 1000;
  if (zone === undefined) return new Date(zonedWallTime(timeZone, wall));
  if (zone.toUpperCase() === 'Z') return new Date(wall);
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offHours = Number(digits.slice(0, 2));
  const offMinutes = Number(digits.slice(2));
  if (offHours > 14 || offMinutes > 59) return null;
  return new Date(wall - sign * (offHours * 60 + offMinutes) * 60000);
}
