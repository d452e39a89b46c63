/**
 * A crew's day: its open assigned reports received up to the end of the day (city time), in
 * visiting order from the crew's base, most urgent band first (src/domain/route.ts).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { z } from 'zod';
import { isValidPosition, type Position } from '../../../../domain/geo';
import { parseLocalDate, toIsoDate } from '../../../../domain/calendar';
import { PRIORITY_BANDS, bandOf } from '../../../../domain/priority';
import { orderRoute, routeGpx, routeLineString, type Stop } from '../../../../domain/route';
import { canSeeTeamRoute, type StaffMember } from '../../../../domain/staff-scope';
import { openStatesSql } from '../../../../database/indexes';
import { CASE_UIDS } from '../../../../lib/case-types';
import { clock } from '../../../../lib/clock';
import { cityCalendar } from '../../../../lib/settings';
import { invalid, parseInput } from './input';
import { dbInstant, tableOf } from '../../../../lib/raw-sql';

/** More than a crew can visit in a day; the answer says when some were left out. */
const MAX_STOPS = 500;
const ON_THE_ROAD = ['assigned', 'in_progress'];

const routeQuerySchema = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
    .optional(),
  format: z.enum(['json', 'gpx']).default('json'),
  returnToBase: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
});

interface TeamRow {
  documentId: string;
  slug: string;
  name: string;
  baseLatitude: number | null;
  baseLongitude: number | null;
  office?: { documentId: string } | null;
}

async function findTeam(strapi: Core.Strapi, key: string): Promise<TeamRow> {
  const team = (await strapi.db.query('api::team.team').findOne({
    where: { $or: [{ documentId: key }, { slug: key }] },
    populate: { office: { select: ['documentId'] } },
  })) as TeamRow | null;
  if (!team) {
    throw new errors.NotFoundError(`No team has the documentId or slug "${key}".`, {
      errors: [{ path: ['team'], message: 'unknown team', name: 'NotFoundError' }],
    });
  }
  return team;
}

function dayOf(strapi: Core.Strapi, date: string | undefined) {
  const calendar = cityCalendar(strapi);
  let day;
  try {
    day = date ? parseLocalDate(date) : calendar.localDate(clock.now());
  } catch {
    throw invalid('date', 'not a calendar date');
  }
  return { iso: toIsoDate(day), end: calendar.endOfDay(day) };
}

export interface RouteRequest {
  team: string;
  query: unknown;
}

export async function teamRoute(strapi: Core.Strapi, staff: StaffMember, req: RouteRequest) {
  const team = await findTeam(strapi, req.team);
  if (
    !canSeeTeamRoute(staff, {
      documentId: team.documentId,
      officeKey: team.office?.documentId ?? null,
    })
  ) {
    throw new errors.ForbiddenError("You may not see this team's route.");
  }
  const q = parseInput(routeQuerySchema, req.query);
  const day = dayOf(strapi, q.date);
  const base: Position = {
    latitude: Number(team.baseLatitude),
    longitude: Number(team.baseLongitude),
  };
  if (team.baseLatitude == null || team.baseLongitude == null || !isValidPosition(base)) {
    throw invalid('team', 'the team has no base position (baseLatitude, baseLongitude)');
  }

  const rows = (await strapi.db
    .connection(tableOf(strapi, CASE_UIDS.report))
    .select('reference_code', 'priority', 'address', 'latitude', 'longitude')
    .whereRaw(openStatesSql('report')) // served by the open-team partial index
    .whereIn('state', ON_THE_ROAD)
    .where('team_key', team.documentId)
    .where('received_at', '<=', dbInstant(strapi, day.end) as Knex.Value)
    .orderBy([
      { column: 'priority', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(MAX_STOPS + 1)) as Record<string, unknown>[];

  const reports = rows.slice(0, MAX_STOPS).map((r) => {
    const priority = Number(r.priority ?? 0);
    const position = { latitude: Number(r.latitude), longitude: Number(r.longitude) };
    return {
      code: r.reference_code as string,
      priority,
      band: bandOf(priority),
      address: (r.address as string | null) ?? null,
      position:
        r.latitude != null && r.longitude != null && isValidPosition(position) ? position : null,
    };
  });
  const placed = new Map(reports.filter((r) => r.position).map((r) => [r.code, r]));
  const stops: Stop[] = [...placed.values()].map((r) => ({
    id: r.code,
    position: r.position as Position,
    band: PRIORITY_BANDS.indexOf(r.band), // emergency 0 … low 3: visited in this order
    label: r.address ?? undefined,
  }));
  const plan = orderRoute(base, stops, { returnToBase: q.returnToBase });

  return {
    format: q.format,
    fileName: `route-${team.slug}-${day.iso}.gpx`,
    gpx: () => routeGpx({ name: `${team.name} ${day.iso}`, base, plan, time: clock.now() }),
    json: {
      team: { documentId: team.documentId, slug: team.slug, name: team.name },
      date: day.iso,
      base,
      stops: plan.stops.map((s, i) => {
        const r = placed.get(s.id);
        return {
          order: i + 1,
          code: s.id,
          band: r?.band ?? null,
          priority: r?.priority ?? null,
          address: r?.address ?? null,
          latitude: s.position.latitude,
          longitude: s.position.longitude,
          legMeters: plan.legsMeters[i],
        };
      }),
      // With returnToBase the last leg leads home; it counts in the total.
      returnLegMeters: q.returnToBase && plan.stops.length ? plan.legsMeters[plan.stops.length] : 0,
      totalMeters: plan.totalMeters,
      path: routeLineString(base, plan),
      unplaced: reports.filter((r) => !r.position).map((r) => r.code),
      truncated: rows.length > MAX_STOPS,
    },
  };
}
