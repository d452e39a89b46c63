/**
 * The console's lists and figures (issue 4, "Qualification and reputation", "Recurrences"):
 * reporters flagged for moderation or worth recognising, and per-crew and per-contractor figures
 * checked against a small fixture computed by hand.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appClock } from '../helpers/app';
import {
  createCitizen,
  createOffice,
  createReport,
  createTopic,
  unique,
} from '../helpers/fixtures';
import { createStaffUser, createTeam, setCaseFields, type StaffUser } from '../helpers/staff';
import { startStrapi, stopStrapi } from '../helpers/strapi';

const clock = fixedClock('2026-04-05T08:00:00Z');

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const users: Record<string, StaffUser> = {};

function get(path: string, who: StaffUser, query: Record<string, string | number> = {}) {
  return http.get(`/urp-console${path}`).set('Authorization', `Bearer ${who.jwt}`).query(query);
}

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
});

afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
});

describe('reporters', () => {
  const c: Record<string, { id: number; documentId: string; email: string }> = {};
  beforeAll(async () => {
    const counts = (total: number, accurate: number, fake = 0) => ({
      reportsTotal: total,
      reportsAccurate: accurate,
      reportsFake: fake,
    });
    c.flaggedWorst = await createCitizen(strapi, {
      moderationFlag: true,
      reputation: 0.1,
      ...counts(6, 0, 4),
    });
    c.flagged = await createCitizen(strapi, { moderationFlag: true, reputation: 0.25 });
    c.anonymised = await createCitizen(strapi, {
      moderationFlag: true,
      reputation: 0.05,
      anonymisedAt: '2026-03-01T00:00:00Z',
    });
    c.best = await createCitizen(strapi, { reputation: 0.95, ...counts(8, 7) });
    c.good = await createCitizen(strapi, { reputation: 0.8, ...counts(5, 4) });
    c.tooNew = await createCitizen(strapi, { reputation: 0.9, ...counts(4, 4) });
    c.average = await createCitizen(strapi, { reputation: 0.6, ...counts(9, 5) });
    users.control = await createStaffUser(strapi, { roles: ['bc-control-body'] });
    users.operator = await createStaffUser(strapi, { roles: ['bc-urp-operator'] });
    users.coordinator = await createStaffUser(strapi, { roles: ['bc-office-coordinator'] });
    users.technician = await createStaffUser(strapi, { roles: ['bc-technician'] });
  });

  const mine = (rows: { documentId: string }[]) => {
    const names = new Map(Object.entries(c).map(([name, x]) => [x.documentId, name]));
    return rows.filter((row) => names.has(row.documentId)).map((row) => names.get(row.documentId));
  };

  it('lists the citizens flagged for moderation, least reliable first', async () => {
    const res = await get('/reporters', users.control, { list: 'flagged', pageSize: 100 });
    expect(res.status).toBe(200);
    expect(mine(res.body.data)).toEqual(['flaggedWorst', 'flagged']);
    const worst = res.body.data.find(
      (x: { documentId: string }) => x.documentId === c.flaggedWorst.documentId
    );
    expect(worst).toMatchObject({
      email: c.flaggedWorst.email,
      reputation: 0.1,
      reportsTotal: 6,
      reportsFake: 4,
      reportsAccurate: 0,
    });
  });

  it('lists reliable reporters with enough reports, most reliable first', async () => {
    const res = await get('/reporters', users.operator, { list: 'recognised', pageSize: 100 });
    expect(res.status).toBe(200);
    expect(mine(res.body.data)).toEqual(['best', 'good']);
    expect(res.body.meta.total).toBeGreaterThanOrEqual(2);
  });

  it.each(['coordinator', 'technician'])('is not for a %s (403)', async (who) => {
    await get('/reporters', users[who], { list: 'flagged' }).expect(403);
  });

  it.each([
    [{}, 'list'],
    [{ list: 'banned' }, 'list'],
    [{ list: 'flagged', pageSize: 0 }, 'pageSize'],
  ])('refuses %j naming %s', async (query, field) => {
    const res = await get('/reporters', users.operator, query).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
  });
});

describe('team figures', () => {
  const team: Record<string, { documentId: string; slug: string }> = {};
  const verdi = unique('Verdi Strade Srl');
  const blu = unique('Blu Spa');

  /** A report of the crew, resolved as given (times in UTC, hours after reception). */
  async function resolved(
    crew: string,
    spec: {
      received: string;
      hours: number;
      due?: string | null;
      rating?: number | null;
      state?: string;
    },
    topicId: string
  ) {
    const created = await createReport(strapi, { topic: topicId, latitude: null });
    const receivedAt = new Date(spec.received);
    await setCaseFields(strapi, 'api::report.report', created.id, {
      state: spec.state ?? 'resolved',
      teamKey: team[crew].documentId,
      receivedAt,
      resolvedAt: new Date(receivedAt.getTime() + spec.hours * 3_600_000),
      dueAt: spec.due ? new Date(spec.due) : null,
      ratingScore: spec.rating ?? null,
    });
  }

  async function recurrence(crew: string, received: string, topicId: string) {
    const created = await createReport(strapi, { topic: topicId, latitude: null });
    await setCaseFields(strapi, 'api::report.report', created.id, {
      recurrenceTeamKey: team[crew].documentId,
      receivedAt: new Date(received),
    });
  }

  beforeAll(async () => {
    const office = await createOffice(strapi);
    const other = await createOffice(strapi);
    const topic = (await createTopic(strapi, office.documentId)).documentId;
    team.T1 = await createTeam(strapi, office.documentId);
    team.T2 = await createTeam(strapi, office.documentId, {
      kind: 'contractor',
      companyName: verdi,
    });
    team.T3 = await createTeam(strapi, other.documentId, {
      kind: 'contractor',
      companyName: verdi,
    });
    team.T4 = await createTeam(strapi, office.documentId, { kind: 'contractor', companyName: blu });
    users.coordinator = await createStaffUser(strapi, {
      roles: ['bc-office-coordinator'],
      offices: [office.documentId],
    });
    users.operator = await createStaffUser(strapi, { roles: ['bc-urp-operator'] });
    users.technician = await createStaffUser(strapi, { roles: ['bc-technician'] });
    await strapi.documents('api::team.team').update({
      documentId: team.T1.documentId,
      data: { members: [{ id: users.technician.id }] } as never,
    });

    // T1: 10 h on time (5), 48 h late (3), 4 h without due date, 24 h on time and closed (4).
    await resolved(
      'T1',
      { received: '2026-03-02T08:00Z', hours: 10, due: '2026-03-03T08:00Z', rating: 5 },
      topic
    );
    await resolved(
      'T1',
      { received: '2026-03-03T08:00Z', hours: 48, due: '2026-03-04T08:00Z', rating: 3 },
      topic
    );
    await resolved('T1', { received: '2026-03-10T00:00Z', hours: 4 }, topic);
    await resolved(
      'T1',
      {
        received: '2026-03-20T00:00Z',
        hours: 24,
        due: '2026-03-25T00:00Z',
        rating: 4,
        state: 'closed',
      },
      topic
    );
    // Outside the period, or not resolved: not counted.
    await resolved('T1', { received: '2026-02-20T00:00Z', hours: 5, rating: 1 }, topic);
    await resolved('T1', { received: '2026-03-28T00:00Z', hours: 120, rating: 1 }, topic);
    // T2: 24 h late (2), 6 h on time, 36 h late (1).
    await resolved(
      'T2',
      { received: '2026-03-05T00:00Z', hours: 24, due: '2026-03-05T12:00Z', rating: 2 },
      topic
    );
    await resolved(
      'T2',
      { received: '2026-03-06T00:00Z', hours: 6, due: '2026-03-07T00:00Z' },
      topic
    );
    await resolved(
      'T2',
      { received: '2026-03-07T00:00Z', hours: 36, due: '2026-03-07T00:00Z', rating: 1 },
      topic
    );
    // T3 (the same company, another office): 12 h (5).
    await resolved('T3', { received: '2026-03-10T00:00Z', hours: 12, rating: 5 }, topic);
    await recurrence('T1', '2026-03-15T10:00Z', topic);
    await recurrence('T1', '2026-02-01T10:00Z', topic); // before the period
    await recurrence('T2', '2026-03-16T10:00Z', topic);
    await recurrence('T2', '2026-03-17T10:00Z', topic);
  });

  const period = { from: '2026-03-01', to: '2026-03-31' };
  type Figures = Record<string, unknown> & { slug?: string; companyName?: string };
  const bySlug = (rows: Figures[], slug: string) => rows.find((x) => x.slug === slug);

  it('counts, times, lateness, ratings and recurrences per crew', async () => {
    const res = await get('/teams/stats', users.operator, period).expect(200);
    expect(res.body.data).toMatchObject(period);
    expect(bySlug(res.body.data.teams, team.T1.slug)).toMatchObject({
      kind: 'internal',
      resolved: 4,
      meanResolutionHours: 21.5, // (10 + 48 + 4 + 24) / 4
      medianResolutionHours: 17, // (10 + 24) / 2
      lateShare: 0.25,
      meanRating: 4, // (5 + 3 + 4) / 3
      ratings: 3,
      recurrences: 1,
    });
    expect(bySlug(res.body.data.teams, team.T2.slug)).toMatchObject({
      kind: 'contractor',
      companyName: verdi,
      resolved: 3,
      meanResolutionHours: 22,
      medianResolutionHours: 24,
      lateShare: 0.6667,
      meanRating: 1.5,
      ratings: 2,
      recurrences: 2,
    });
    expect(bySlug(res.body.data.teams, team.T4.slug)).toMatchObject({
      resolved: 0,
      medianResolutionHours: null,
      meanResolutionHours: null,
      lateShare: null,
      meanRating: null,
      recurrences: 0,
    });
  });

  it("sums a contractor's crews together", async () => {
    const res = await get('/teams/stats', users.operator, period).expect(200);
    const company = res.body.data.contractors.find((x: Figures) => x.companyName === verdi);
    expect(company.teams.sort()).toEqual([team.T2.slug, team.T3.slug].sort());
    expect(company).toMatchObject({
      resolved: 4,
      meanResolutionHours: 19.5, // (24 + 6 + 36 + 12) / 4
      medianResolutionHours: 18, // (12 + 24) / 2
      lateShare: 0.5,
      meanRating: 2.67, // (2 + 1 + 5) / 3
      ratings: 3,
      recurrences: 2,
    });
  });

  it("a coordinator sees their offices' crews only", async () => {
    const res = await get('/teams/stats', users.coordinator, period).expect(200);
    expect(res.body.data.teams.map((t: Figures) => t.slug).sort()).toEqual(
      [team.T1.slug, team.T2.slug, team.T4.slug].sort()
    );
    const company = res.body.data.contractors.find((x: Figures) => x.companyName === verdi);
    expect(company).toMatchObject({
      teams: [team.T2.slug],
      resolved: 3,
      medianResolutionHours: 24,
    });
  });

  it('a technician sees their own crew', async () => {
    const res = await get('/teams/stats', users.technician, period).expect(200);
    expect(res.body.data.teams.map((t: Figures) => t.slug)).toEqual([team.T1.slug]);
  });

  it('the period defaults to the last 30 days by the injected clock', async () => {
    const res = await get('/teams/stats', users.technician).expect(200);
    expect(res.body.data).toMatchObject({ from: '2026-03-07', to: '2026-04-05' });
    // In it: 4 h (resolved 10 March), 24 h (21 March), 120 h (2 April).
    expect(res.body.data.teams[0]).toMatchObject({
      resolved: 3,
      meanResolutionHours: 49.33,
      medianResolutionHours: 24,
    });
  });

  it.each([
    [{ from: '2026-04-01', to: '2026-03-01' }, 'from'],
    [{ from: '2026-13-01' }, 'from'],
    [{ from: '2024-01-01', to: '2026-03-01' }, 'to'],
  ])('refuses the period %j naming %s', async (query, field) => {
    const res = await get('/teams/stats', users.operator, query).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
  });
});
