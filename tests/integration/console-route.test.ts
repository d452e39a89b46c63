/**
 * A crew's route for a day (issue 4, "Crew routes"): its open assigned reports from its base, most
 * urgent band first, as JSON with the path, or as a GPX download; scoped to the crew's office.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { distanceMeters } from '../../src/domain/geo';
import { appClock } from '../helpers/app';
import { createOffice, createReport, createTopic } from '../helpers/fixtures';
import { createStaffUser, createTeam, setCaseFields, type StaffUser } from '../helpers/staff';
import { startStrapi, stopStrapi } from '../helpers/strapi';

const REPORT = 'api::report.report';
const START = '2026-03-02T08:00:00Z';
const clock = fixedClock(START);
const base = { latitude: 43.7, longitude: 10.4 };

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const users: Record<string, StaffUser> = {};
let crew: { documentId: string; slug: string };
let baseless: { documentId: string };
const r: Record<string, { referenceCode: string }> = {};

async function crewReport(
  state: 'triaged' | 'assigned' | 'in_progress' | 'resolved',
  priority: number,
  position: [number, number] | null,
  topicId: string
) {
  const created = await createReport(strapi, {
    topic: topicId,
    latitude: position?.[0] ?? null,
    longitude: position?.[1] ?? null,
    address: position ? `Via ${priority}` : null,
  });
  const docs = strapi.documents(REPORT);
  await docs.update({ documentId: created.documentId, data: { team: crew.documentId } as never });
  const path = ['triaged', 'assigned', 'in_progress', 'resolved'];
  for (const step of path.slice(0, path.indexOf(state) + 1)) {
    const data: Record<string, unknown> = { state: step };
    if (step === 'resolved') data.qualification = 'accurate';
    await docs.update({ documentId: created.documentId, data: data as never });
  }
  await setCaseFields(strapi, REPORT, created.id, { priority });
  return created;
}

function route(who: StaffUser, team: string, query: Record<string, string> = {}) {
  return http
    .get(`/urp-console/teams/${team}/route`)
    .set('Authorization', `Bearer ${who.jwt}`)
    .query(query);
}

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  const office = await createOffice(strapi);
  const elsewhere = await createOffice(strapi);
  const topic = await createTopic(strapi, office.documentId);
  users.technician = await createStaffUser(strapi, { roles: ['bc-technician'] });
  users.otherTechnician = await createStaffUser(strapi, { roles: ['bc-technician'] });
  users.coordinator = await createStaffUser(strapi, {
    roles: ['bc-office-coordinator'],
    offices: [office.documentId],
  });
  users.otherCoordinator = await createStaffUser(strapi, {
    roles: ['bc-office-coordinator'],
    offices: [elsewhere.documentId],
  });
  users.operator = await createStaffUser(strapi, { roles: ['bc-urp-operator'] });
  users.control = await createStaffUser(strapi, { roles: ['bc-control-body'] });
  crew = await createTeam(strapi, office.documentId, {
    baseLatitude: base.latitude,
    baseLongitude: base.longitude,
    members: [{ id: users.technician.id }],
  });
  baseless = await createTeam(strapi, office.documentId);

  const t = topic.documentId;
  r.emergency = await crewReport('assigned', 60000, [43.74, 10.44], t);
  r.high1 = await crewReport('in_progress', 7000, [43.705, 10.405], t);
  r.high2 = await crewReport('assigned', 6500, [43.71, 10.41], t);
  r.medium = await crewReport('assigned', 4000, [43.701, 10.401], t);
  r.low = await crewReport('in_progress', 100, [43.7005, 10.4005], t);
  r.unplaced = await crewReport('assigned', 5000, null, t);
  r.notYetAssigned = await crewReport('triaged', 9000, [43.702, 10.402], t);
  r.resolved = await crewReport('resolved', 9000, [43.703, 10.403], t);
  clock.set('2026-03-03T09:00:00Z'); // tomorrow's report
  r.tomorrow = await crewReport('assigned', 3500, [43.704, 10.404], t);
  clock.set(START);
});

afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
});

type StopRow = { order: number; code: string; band: string; legMeters: number } & {
  latitude: number;
  longitude: number;
};

describe('the JSON route', () => {
  let body: {
    stops: StopRow[];
    totalMeters: number;
    unplaced: string[];
    path: { type: string; coordinates: number[][] };
    base: typeof base;
    date: string;
  };
  beforeAll(async () => {
    body = (await route(users.coordinator, crew.documentId, { date: '2026-03-02' }).expect(200))
      .body.data;
  });

  it("holds the crew's open assigned reports of the day, and keeps those without a position apart", () => {
    expect(body.date).toBe('2026-03-02');
    expect(body.base).toEqual(base);
    expect(body.stops.map((s) => s.code).sort()).toEqual(
      [r.emergency, r.high1, r.high2, r.medium, r.low].map((x) => x.referenceCode).sort()
    );
    expect(body.unplaced).toEqual([r.unplaced.referenceCode]);
  });

  it('visits the most urgent band first, whatever the distance', () => {
    expect(body.stops.map((s) => s.band)).toEqual(['emergency', 'high', 'high', 'medium', 'low']);
    expect(body.stops[0].code).toBe(r.emergency.referenceCode);
    expect(body.stops.map((s) => s.order)).toEqual([1, 2, 3, 4, 5]);
  });

  it('measures each leg from the base, and the total is their sum', () => {
    let from = base;
    for (const stop of body.stops) {
      expect(stop.legMeters).toBeCloseTo(distanceMeters(from, stop), 6);
      from = stop;
    }
    const sum = body.stops.reduce((total, s) => total + s.legMeters, 0);
    expect(body.totalMeters).toBeCloseTo(sum, 6);
    expect(body.totalMeters).toBeGreaterThan(0);
  });

  it('draws the path as a GeoJSON LineString from the base', () => {
    expect(body.path.type).toBe('LineString');
    expect(body.path.coordinates).toEqual([
      [base.longitude, base.latitude],
      ...body.stops.map((s) => [s.longitude, s.latitude]),
    ]);
  });

  it('can return to the base, counting the way back', async () => {
    const back = (
      await route(users.technician, crew.slug, { date: '2026-03-02', returnToBase: 'true' }).expect(
        200
      )
    ).body.data;
    const legs = back.stops.reduce((t: number, s: StopRow) => t + s.legMeters, 0);
    expect(back.returnLegMeters).toBeGreaterThan(0);
    expect(back.totalMeters).toBeCloseTo(legs + back.returnLegMeters, 6);
    expect(back.path.coordinates.at(-1)).toEqual([base.longitude, base.latitude]);
  });

  it('the day is today by the injected clock, in city time', async () => {
    try {
      clock.set('2026-03-03T09:00:00Z');
      const today = (await route(users.operator, crew.slug).expect(200)).body.data;
      expect(today.date).toBe('2026-03-03');
      expect(today.stops.map((s: StopRow) => s.code)).toContain(r.tomorrow.referenceCode);
      const yesterday = (await route(users.operator, crew.slug, { date: '2026-03-02' })).body.data;
      expect(yesterday.stops.map((s: StopRow) => s.code)).not.toContain(r.tomorrow.referenceCode);
    } finally {
      clock.set(START);
    }
  });
});

describe('the GPX download', () => {
  it('is GPX, as an attachment named after the crew and the day, with the stops in order', async () => {
    const json = (await route(users.coordinator, crew.slug, { date: '2026-03-02' })).body.data;
    const res = await route(users.coordinator, crew.slug, { date: '2026-03-02', format: 'gpx' })
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/gpx\+xml/);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="route-${crew.slug}-2026-03-02.gpx"`
    );
    const gpx = res.body as string;
    expect(gpx).toMatch(/^<\?xml version="1.0"/);
    const names = [...gpx.matchAll(/<wpt [^>]*><name>([^<]+)<\/name>/g)].map((m) => m[1]);
    expect(names).toEqual(json.stops.map((s: StopRow) => s.code));
  });
});

describe('refusals', () => {
  it('a crew without a base has no route (400 naming team)', async () => {
    const res = await route(users.operator, baseless.documentId).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual(['team']);
  });

  it('an unknown crew is a 404, a bad date a 400', async () => {
    await route(users.operator, 'no-such-crew').expect(404);
    const res = await route(users.operator, crew.slug, { date: '2026-02-30' }).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual(['date']);
    const fmt = await route(users.operator, crew.slug, { format: 'kml' }).expect(400);
    expect(fmt.body.error.details.errors[0].path).toEqual(['format']);
  });

  it.each(['otherCoordinator', 'otherTechnician', 'control'])(
    'refuses the %s (403)',
    async (who) => {
      await route(users[who], crew.slug).expect(403);
    }
  );
});
