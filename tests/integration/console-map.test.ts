/**
 * The console map (GET /urp-console/map): the queue's filters and scope on the reports of a box,
 * as grid clusters computed in SQL or as single markers, never unbounded; 400s naming the field;
 * the box read through the open-reports position index. The fixtures lie near Catania, far from
 * every other suite's reports (central Pisa), and belong to offices made here.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appClock } from '../helpers/app';
import { createOffice, createReport, createTopic, unique } from '../helpers/fixtures';
import { createStaffUser, createTeam, setCaseFields, type StaffUser } from '../helpers/staff';
import { isPostgres, startStrapi, stopStrapi } from '../helpers/strapi';

/* eslint-disable @typescript-eslint/no-require-imports */
const appMap =
  require('../../dist/src/plugins/urp-console/server/src/map') as typeof import('../../src/plugins/urp-console/server/src/map');
/* eslint-enable @typescript-eslint/no-require-imports */

const REPORT = 'api::report.report';
const NOW = '2026-05-04T08:00:00Z';
const clock = fixedClock(NOW);
// Zoom 12: cells of 360 / 2^14 = 0.02197265625°. Row 5802 spans latitudes 37.4854–37.5073;
// column 8878 longitudes 15.0732–15.0952 (cell X), column 8879 15.0952–15.1172 (cell Y).
const CELL_12 = 0.02197265625;
const BOX = '15.05,37.45,15.15,37.55';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const users: Record<string, StaffUser> = {};
const office: Record<string, { documentId: string }> = {};
const r: Record<string, { id: number; referenceCode: string }> = {};
const token = unique('Tombino').toLowerCase();

function get(who: StaffUser, query: Record<string, string | number>) {
  return http.get('/urp-console/map').set('Authorization', `Bearer ${who.jwt}`).query(query);
}

async function report(
  topic: string,
  fields: Record<string, unknown>,
  extra: Record<string, unknown> = {}
) {
  const created = await createReport(strapi, {
    topic,
    latitude: null,
    longitude: null,
    ...extra,
  });
  await setCaseFields(strapi, REPORT, created.id, fields);
  return created;
}

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  office.A = await createOffice(strapi);
  office.B = await createOffice(strapi);
  const topicA = (await createTopic(strapi, office.A.documentId)).documentId;
  const topicB = (await createTopic(strapi, office.B.documentId)).documentId;
  users.operator = await createStaffUser(strapi, { roles: ['bc-urp-operator'] });
  users.coordinatorA = await createStaffUser(strapi, {
    roles: ['bc-office-coordinator'],
    offices: [office.A.documentId],
  });
  users.technician = await createStaffUser(strapi, { roles: ['bc-technician'] });
  users.editor = await createStaffUser(strapi, { roles: ['bc-editor'] });
  const team = await createTeam(strapi, office.A.documentId, {
    members: [{ id: users.technician.id }],
  });

  // Cell X: a1, a2 (office A), b1 (office B, an emergency); a5 is rejected (not open).
  r.a1 = await report(
    topicA,
    { latitude: 37.49, longitude: 15.08, priority: 7000 },
    { description: `Il ${token.toUpperCase()} di via Etnea è aperto` }
  );
  r.a2 = await report(topicA, { latitude: 37.5, longitude: 15.09, priority: 2000 });
  r.b1 = await report(topicB, {
    latitude: 37.495,
    longitude: 15.085,
    priority: 55000,
    emergency: true,
  });
  // Cell Y: a3, overdue, in the technician's crew.
  r.a3 = await report(
    topicA,
    {
      latitude: 37.49,
      longitude: 15.1,
      priority: 100,
      dueAt: new Date('2026-05-01T00:00:00Z'),
    },
    { team: team.documentId }
  );
  // Outside the box, and a closed report inside it.
  r.a4 = await report(topicA, { latitude: 37.6, longitude: 15.3, priority: 3000 });
  r.a5 = await report(topicA, {
    latitude: 37.492,
    longitude: 15.082,
    priority: 4000,
    state: 'rejected',
  });
});

afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
});

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

describe('clusters', () => {
  it('groups the box into grid cells below the zoom threshold', async () => {
    const res = await get(users.operator, { bbox: BOX, zoom: 12 }).expect(200);
    expect(res.body.meta).toEqual({
      total: 4,
      clustered: true,
      cellDegrees: CELL_12,
      zoom: 12,
      bbox: [15.05, 37.45, 15.15, 37.55],
      clusterBelowZoom: 15,
      maxPoints: 500,
    });
    expect(res.body.data.points).toEqual([]);
    expect(res.body.data.clusters).toEqual([
      {
        lat: 37.495, // (37.49 + 37.5 + 37.495) / 3
        lng: 15.085, // (15.08 + 15.09 + 15.085) / 3
        count: 3,
        maxPriority: 55000,
        band: 'emergency',
        emergencies: 1,
        overdue: 0,
        referenceCode: null,
        bounds: [
          8878 * CELL_12 - 180,
          5802 * CELL_12 - 90,
          8879 * CELL_12 - 180,
          5803 * CELL_12 - 90,
        ],
      },
      {
        lat: 37.49,
        lng: 15.1,
        count: 1,
        maxPriority: 100,
        band: 'low',
        emergencies: 0,
        overdue: 1,
        referenceCode: r.a3.referenceCode,
        bounds: [
          8879 * CELL_12 - 180,
          5802 * CELL_12 - 90,
          8880 * CELL_12 - 180,
          5803 * CELL_12 - 90,
        ],
      },
    ]);
  });

  it("a coordinator's clusters hold their offices' cases only", async () => {
    const res = await get(users.coordinatorA, { bbox: BOX, zoom: 12 }).expect(200);
    expect(res.body.meta.total).toBe(3);
    expect(res.body.data.clusters.map((c: { count: number }) => c.count)).toEqual([2, 1]);
    expect(res.body.data.clusters[0]).toMatchObject({
      lat: 37.495, // (37.49 + 37.5) / 2
      lng: 15.085,
      maxPriority: 7000,
      band: 'high',
      emergencies: 0,
    });
  });

  it('coarsens the grid of a huge box, so the clusters stay few', async () => {
    const res = await get(users.operator, {
      bbox: '-180,-90,180,90',
      zoom: 14,
      office: office.A.documentId,
    }).expect(200);
    // 0.0055° cells over the world would be billions: 5.625° cells make 33 × 65.
    expect(res.body.meta).toMatchObject({ total: 4, clustered: true, cellDegrees: 5.625 });
    expect(res.body.data.clusters).toHaveLength(1);
    expect(res.body.data.clusters[0]).toMatchObject({
      count: 4,
      lat: round6((37.49 + 37.5 + 37.49 + 37.6) / 4),
      lng: round6((15.08 + 15.09 + 15.1 + 15.3) / 4),
      maxPriority: 7000,
    });
  });

  it('clusters at any zoom when the box holds more than the cap', async () => {
    const before = strapi.config.get('benecomune.consoleMap.maxPoints');
    strapi.config.set('benecomune.consoleMap.maxPoints', 3);
    try {
      const res = await get(users.operator, { bbox: BOX, zoom: 17 }).expect(200);
      expect(res.body.meta).toMatchObject({ total: 4, clustered: true, maxPoints: 3 });
      // Zoom 17's cells (0.00069°) would cut the 0.1° box into 146 × 146: four times wider
      // ones make 37 × 37, within the 2,500 cells an answer may hold.
      expect(res.body.meta.cellDegrees).toBe((4 * 360) / 2 ** 17 / 4);
      const counts = res.body.data.clusters.map((c: { count: number }) => c.count);
      expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(4);
      const small = await get(users.coordinatorA, { bbox: BOX, zoom: 17 }).expect(200);
      expect(small.body.meta).toMatchObject({ total: 3, clustered: false });
    } finally {
      strapi.config.set('benecomune.consoleMap.maxPoints', before);
    }
  });
});

describe('points', () => {
  const codes = (res: request.Response) =>
    res.body.data.points.map((p: { referenceCode: string }) => p.referenceCode);

  it('sends single markers from the zoom threshold on, by priority', async () => {
    const res = await get(users.operator, { bbox: BOX, zoom: 15 }).expect(200);
    expect(res.body.meta).toMatchObject({ total: 4, clustered: false, cellDegrees: null });
    expect(res.body.data.clusters).toEqual([]);
    expect(codes(res)).toEqual([
      r.b1.referenceCode,
      r.a1.referenceCode,
      r.a2.referenceCode,
      r.a3.referenceCode,
    ]);
    expect(res.body.data.points[1]).toEqual({
      referenceCode: r.a1.referenceCode,
      lat: 37.49,
      lng: 15.08,
      band: 'high',
      priority: 7000,
      state: 'received',
      emergency: false,
      overdue: false,
      excerpt: `Il ${token.toUpperCase()} di via Etnea è aperto`,
      address: null,
    });
    expect(res.body.data.points[0]).toMatchObject({ band: 'emergency', emergency: true });
    expect(res.body.data.points[3]).toMatchObject({ band: 'low', overdue: true });
  });

  it('applies the scope: a coordinator never sees another office, a technician their crew', async () => {
    const mine = await get(users.coordinatorA, { bbox: BOX, zoom: 16 }).expect(200);
    expect(codes(mine)).toEqual([r.a1.referenceCode, r.a2.referenceCode, r.a3.referenceCode]);
    const other = await get(users.coordinatorA, {
      bbox: BOX,
      zoom: 16,
      office: office.B.documentId,
    }).expect(200);
    expect(other.body).toMatchObject({ data: { clusters: [], points: [] }, meta: { total: 0 } });
    const crew = await get(users.technician, { bbox: BOX, zoom: 16 }).expect(200);
    expect(codes(crew)).toEqual([r.a3.referenceCode]);
  });

  it("takes the queue's filters", async () => {
    const at = { bbox: BOX, zoom: 16 };
    const op = (q: Record<string, string>) => get(users.operator, { ...at, ...q }).expect(200);
    expect(codes(await op({ emergency: 'true' }))).toEqual([r.b1.referenceCode]);
    expect(codes(await op({ office: office.B.documentId }))).toEqual([r.b1.referenceCode]);
    expect(codes(await op({ band: 'high' }))).toEqual([r.a1.referenceCode]);
    expect(codes(await op({ overdue: 'true' }))).toEqual([r.a3.referenceCode]);
    expect(codes(await op({ q: token }))).toEqual([r.a1.referenceCode]);
    expect(codes(await op({ status: 'rejected' }))).toEqual([r.a5.referenceCode]);
    expect(codes(await op({ status: 'received,rejected', office: office.A.documentId }))).toEqual([
      r.a1.referenceCode,
      r.a5.referenceCode,
      r.a2.referenceCode,
      r.a3.referenceCode,
    ]);
  });
});

describe('refusals', () => {
  it.each([
    [{ zoom: 12 }, 'bbox'],
    [{ bbox: 'a,b,c,d', zoom: 12 }, 'bbox'],
    [{ bbox: '15.15,37.45,15.05,37.55', zoom: 12 }, 'bbox'],
    [{ bbox: '15.05,37.45,15.15,97', zoom: 12 }, 'bbox'],
    [{ bbox: BOX }, 'zoom'],
    [{ bbox: BOX, zoom: 'near' }, 'zoom'],
    [{ bbox: BOX, zoom: 30 }, 'zoom'],
    [{ bbox: BOX, zoom: -1 }, 'zoom'],
    [{ bbox: BOX, zoom: 12, kind: 'request' }, 'kind'],
    [{ bbox: BOX, zoom: 12, status: 'lost' }, 'status'],
    [{ bbox: BOX, zoom: 12, band: 'urgent' }, 'band'],
  ])('refuses %j naming %s', async (query, field) => {
    const res = await get(users.operator, query as Record<string, string>).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
    expect(res.body.error.message).toMatch(new RegExp(`^${field}: `));
  });

  it('is not for editors (403) nor anonymous callers (401)', async () => {
    await get(users.editor, { bbox: BOX, zoom: 12 }).expect(403);
    await http.get('/urp-console/map').query({ bbox: BOX, zoom: 12 }).expect(401);
  });
});

it('reads the box as a range on a position index', async () => {
  const q = appMap.parseMapQuery({ bbox: BOX, zoom: '16' });
  const { sql, bindings } = appMap.mapCases(strapi, q, { all: true }).select('id').toSQL();
  const db = strapi.db.connection;
  const plan = await db.transaction(async (trx) => {
    if (!isPostgres(strapi)) {
      return JSON.stringify(await trx.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings));
    }
    await trx.raw('SET LOCAL enable_seqscan = off');
    return JSON.stringify((await trx.raw(`EXPLAIN ${sql}`, bindings)).rows);
  });
  // Which position index the planner takes on a few rows is its own business (PostgreSQL takes
  // either; SQLite without statistics would seek the states alone, were it not for the open
  // position index): that the box is a range on an index is ours.
  expect(plan).toMatch(/bc_reports_(open_map|position)/);
  expect(plan).toMatch(/latitude ?>/);
});
