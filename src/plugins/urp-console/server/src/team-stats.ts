/**
 * How crews and contractors do (issue 4, "Recurrences"): over the reports they resolved in a
 * period, how many, how fast (median and mean hours from reception), how often late, how the
 * citizens rated the work; and how many new reports repeated a problem they had fixed. Contractor
 * teams are also summed per company, so a company's several crews are judged together.
 *
 * Grouped in SQL: an inner query gives each report its group (the team, or the team's company
 * through a CASE) and its figures; the outer ones aggregate. The median uses window functions,
 * which SQLite (3.25+) and PostgreSQL both have.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { teamScope, type StaffMember, type TeamScope } from '../../../../domain/staff-scope';
import { CASE_UIDS } from '../../../../lib/case-types';
import { parsePeriod } from './period';
import { dbInstant, isPostgres, tableOf } from '../../../../lib/raw-sql';

const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

interface TeamRow {
  documentId: string;
  slug: string;
  name: string;
  kind: 'internal' | 'contractor';
  companyName: string | null;
  active: boolean | null;
  office?: { documentId: string } | null;
}

interface Figures {
  resolved: number;
  medianResolutionHours: number | null;
  meanResolutionHours: number | null;
  lateShare: number | null;
  meanRating: number | null;
  ratings: number;
  recurrences: number;
}

const period = (strapi: Core.Strapi, query: unknown) =>
  parsePeriod(strapi, query, { defaultDaysBack: DEFAULT_DAYS - 1, maxDays: MAX_DAYS });

async function visibleTeams(strapi: Core.Strapi, scope: TeamScope): Promise<TeamRow[]> {
  const where = scope.all
    ? {}
    : {
        $or: [
          { office: { documentId: { $in: scope.offices } } },
          { documentId: { $in: scope.teams } },
        ],
      };
  return (await strapi.db.query('api::team.team').findMany({
    where,
    select: ['documentId', 'slug', 'name', 'kind', 'companyName', 'active'],
    populate: { office: { select: ['documentId'] } },
    orderBy: { name: 'asc' },
  })) as TeamRow[];
}

/** SQL giving each row its group: the team key itself, or the group a team belongs to. */
function groupOf(column: string, groups: Map<string, string> | null) {
  if (!groups) return { sql: `"${column}"`, bindings: [] as string[] };
  const cases = [...groups].flatMap(([team, group]) => [team, group]);
  return { sql: `CASE "${column}" ${'WHEN ? THEN ? '.repeat(groups.size)}END`, bindings: cases };
}

const round = (x: unknown, digits = 2): number | null =>
  x == null ? null : Math.round(Number(x) * 10 ** digits) / 10 ** digits;

const NO_FIGURES: Figures = {
  resolved: 0,
  medianResolutionHours: null,
  meanResolutionHours: null,
  lateShare: null,
  meanRating: null,
  ratings: 0,
  recurrences: 0,
};

async function figuresBy(
  strapi: Core.Strapi,
  teamKeys: string[],
  groups: Map<string, string> | null,
  p: { start: Date; end: Date }
): Promise<Map<string, Figures>> {
  const out = new Map<string, Figures>();
  if (!teamKeys.length) return out;
  const db = strapi.db.connection;
  const table = tableOf(strapi, CASE_UIDS.report);
  const [start, end] = [dbInstant(strapi, p.start), dbInstant(strapi, p.end)] as Knex.Value[];
  const hours = isPostgres(strapi)
    ? 'EXTRACT(EPOCH FROM (resolved_at - received_at)) / 3600.0'
    : '(resolved_at - received_at) / 3600000.0';
  const keys = teamKeys.map(() => '?').join(', ');
  const group = groupOf('team_key', groups);
  const resolved = {
    sql: `SELECT ${group.sql} AS grp, ${hours} AS h,
            CASE WHEN due_at IS NOT NULL AND resolved_at > due_at THEN 1 ELSE 0 END AS late,
            rating_score AS rating
          FROM "${table}"
          WHERE state IN ('resolved', 'closed') AND resolved_at >= ? AND resolved_at <= ?
            AND team_key IN (${keys})`,
    bindings: [...group.bindings, start, end, ...teamKeys],
  };
  const totals = await db.raw(
    `SELECT grp, COUNT(*) AS resolved, AVG(h) AS mean_h, SUM(late) AS late,
            AVG(rating) AS mean_rating, COUNT(rating) AS ratings
     FROM (${resolved.sql}) d GROUP BY grp`,
    resolved.bindings
  );
  const medians = await db.raw(
    `SELECT grp, AVG(h) AS median_h FROM (
       SELECT grp, h, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY h) AS rn,
              COUNT(*) OVER (PARTITION BY grp) AS n
       FROM (${resolved.sql}) d
     ) m WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY grp`,
    resolved.bindings
  );
  const recurrenceGroup = groupOf('recurrence_team_key', groups);
  const recurrences = await db.raw(
    `SELECT grp, COUNT(*) AS n FROM (
       SELECT ${recurrenceGroup.sql} AS grp FROM "${table}"
       WHERE recurrence_team_key IN (${keys}) AND received_at >= ? AND received_at <= ?
     ) d GROUP BY grp`,
    [...recurrenceGroup.bindings, ...teamKeys, start, end]
  );

  const rows = (res: unknown) =>
    (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const entry = (grp: string): Figures => {
    let f = out.get(grp);
    if (!f) {
      f = { ...NO_FIGURES };
      out.set(grp, f);
    }
    return f;
  };
  for (const r of rows(totals)) {
    const f = entry(String(r.grp));
    f.resolved = Number(r.resolved);
    f.meanResolutionHours = round(r.mean_h);
    f.lateShare = f.resolved ? round(Number(r.late) / f.resolved, 4) : null;
    f.meanRating = round(r.mean_rating);
    f.ratings = Number(r.ratings);
  }
  for (const r of rows(medians)) entry(String(r.grp)).medianResolutionHours = round(r.median_h);
  for (const r of rows(recurrences)) entry(String(r.grp)).recurrences = Number(r.n);
  return out;
}

export async function teamStats(strapi: Core.Strapi, staff: StaffMember, query: unknown) {
  const scope = teamScope(staff);
  if (!scope) throw new errors.ForbiddenError('Your roles give no access to team figures.');
  const p = period(strapi, query);
  const teams = await visibleTeams(strapi, scope);
  const keys = teams.map((t) => t.documentId);
  const companyOf = new Map(
    teams
      .filter((t) => t.kind === 'contractor' && t.companyName)
      .map((t) => [t.documentId, t.companyName as string])
  );
  const [perTeam, perCompany] = await Promise.all([
    figuresBy(strapi, keys, null, p),
    figuresBy(strapi, [...companyOf.keys()], companyOf, p),
  ]);
  return {
    data: {
      from: p.from,
      to: p.to,
      teams: teams.map((t) => ({
        documentId: t.documentId,
        slug: t.slug,
        name: t.name,
        office: t.office?.documentId ?? null,
        kind: t.kind,
        companyName: t.companyName ?? null,
        active: t.active !== false,
        ...(perTeam.get(t.documentId) ?? NO_FIGURES),
      })),
      contractors: [...new Set(companyOf.values())].sort().map((companyName) => ({
        companyName,
        teams: teams.filter((t) => companyOf.get(t.documentId) === companyName).map((t) => t.slug),
        ...(perCompany.get(companyName) ?? NO_FIGURES),
      })),
    },
  };
}
