import { parseLocalDate, toIsoDate } from '../../src/domain/calendar';
import {
  STANDS_OUT_RULE,
  cityReference,
  median,
  periodBuckets,
  round,
  share,
  standsOut,
  type OfficeLoad,
} from '../../src/domain/office-kpis';
import {
  STAFF_ROLES,
  SUPER_ADMIN_ROLE,
  canReassignOffice,
  officeScope,
  type StaffMember,
} from '../../src/domain/staff-scope';

const buckets = (from: string, to: string) => {
  const r = periodBuckets(parseLocalDate(from), parseLocalDate(to));
  return {
    granularity: r.granularity,
    buckets: r.buckets.map((b) => `${toIsoDate(b.from)}..${toIsoDate(b.to)}`),
  };
};

describe('periodBuckets', () => {
  it('cuts up to 13 weeks into Monday-to-Sunday weeks', () => {
    const r = buckets('2019-01-07', '2019-03-31'); // 84 days, Monday to Sunday
    expect(r.granularity).toBe('week');
    expect(r.buckets).toHaveLength(12);
    expect(r.buckets[0]).toBe('2019-01-07..2019-01-13');
    expect(r.buckets[11]).toBe('2019-03-25..2019-03-31');
  });

  it('clips the first and last weeks to the period', () => {
    expect(buckets('2019-01-09', '2019-01-22')).toEqual({
      granularity: 'week',
      buckets: ['2019-01-09..2019-01-13', '2019-01-14..2019-01-20', '2019-01-21..2019-01-22'],
    });
    expect(buckets('2019-03-06', '2019-03-06').buckets).toEqual(['2019-03-06..2019-03-06']);
  });

  it('switches to calendar months beyond 91 days', () => {
    expect(buckets('2019-01-01', '2019-04-01').granularity).toBe('week'); // 91 days
    expect(buckets('2020-01-01', '2020-04-01')).toEqual({
      granularity: 'month', // 92 days, a leap February
      buckets: [
        '2020-01-01..2020-01-31',
        '2020-02-01..2020-02-29',
        '2020-03-01..2020-03-31',
        '2020-04-01..2020-04-01',
      ],
    });
    expect(buckets('2019-10-15', '2020-02-10').buckets).toEqual([
      '2019-10-15..2019-10-31',
      '2019-11-01..2019-11-30',
      '2019-12-01..2019-12-31',
      '2020-01-01..2020-01-31',
      '2020-02-01..2020-02-10',
    ]);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => periodBuckets(parseLocalDate('2019-02-02'), parseLocalDate('2019-02-01'))).toThrow(
      RangeError
    );
  });
});

describe('median, share, round', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([3])).toBe(3);
    expect(median([4, 1, 3])).toBe(3);
    expect(median([10, 48, 4, 24])).toBe(17); // (10 + 24) / 2
  });

  it('shares nothing of nothing; rounds', () => {
    expect(share(1, 0)).toBeNull();
    expect(share(3, 4)).toBe(0.75);
    expect(round(8 / 22, 4)).toBe(0.3636);
    expect(round(null)).toBeNull();
  });
});

describe('the city reference and who stands out', () => {
  const A: OfficeLoad = { casesIn: 8, backlog: 10, overdue: 6, staff: 2 }; // 5 per staff member
  const B: OfficeLoad = { casesIn: 3, backlog: 4, overdue: 0, staff: 1 }; // 4
  const C: OfficeLoad = { casesIn: 0, backlog: 2, overdue: 1, staff: 1 }; // 2
  const D: OfficeLoad = { casesIn: 5, backlog: 6, overdue: 1, staff: 0 };
  const E: OfficeLoad = { casesIn: 0, backlog: 0, overdue: 0, staff: 3 }; // no work: not a peer
  const city = cityReference([A, B, C, D, E]);

  it('sums the backlog and takes the median load of the offices with staff and work', () => {
    expect(city).toEqual({
      backlog: 22,
      overdue: 8,
      overdueShare: 8 / 22,
      medianBacklogPerStaff: 4, // of 5, 4, 2
      officesWithStaff: 3,
    });
  });

  it('needs three peers for a median load', () => {
    expect(cityReference([A, B, D]).medianBacklogPerStaff).toBeNull();
    expect(cityReference([A, B, D]).officesWithStaff).toBe(2);
    expect(cityReference([]).overdueShare).toBeNull();
  });

  it('flags an overdue share over the floor and over the city by the margin', () => {
    // 60 % overdue ≥ 25 % and ≥ 36.4 % + 15 points; 5 per staff member is not over 1.5 × 4.
    expect(standsOut(A, city)).toEqual([
      {
        code: 'overdue_share',
        value: 0.6,
        reference: 8 / 22,
        message: '60% of the backlog is overdue, against 36% city-wide',
      },
    ]);
  });

  it('flags a backlog per staff member over 1.5 times the city median', () => {
    const F: OfficeLoad = { casesIn: 2, backlog: 14, overdue: 1, staff: 2 }; // 7 > 6
    expect(standsOut(F, city)).toEqual([
      {
        code: 'backlog_per_staff',
        value: 7,
        reference: 4,
        message: '7 open cases per staff member, over 1.5× the city median of 4',
      },
    ]);
    const G: OfficeLoad = { casesIn: 2, backlog: 12, overdue: 0, staff: 2 }; // 6: not over
    expect(standsOut(G, city)).toEqual([]);
  });

  it('flags nothing under the minimum backlog, or under the floor, or without peers', () => {
    expect(standsOut(B, city)).toEqual([]);
    expect(standsOut({ casesIn: 0, backlog: 4, overdue: 4, staff: 0 }, city)).toEqual([]);
    expect(standsOut(D, city)).toEqual([]); // 17 % is under the floor
    const calm = { ...city, overdueShare: 0.05 };
    // 20 % is the city's 5 % plus 15 points, but under the 25 % floor.
    expect(standsOut({ casesIn: 0, backlog: 10, overdue: 2, staff: 0 }, calm)).toEqual([]);
    const noPeers = { ...city, medianBacklogPerStaff: null };
    expect(standsOut({ casesIn: 0, backlog: 50, overdue: 0, staff: 1 }, noPeers)).toEqual([]);
  });

  it('counts the margin inclusively, despite floating point', () => {
    const quarter = { ...city, overdueShare: 0.25 };
    const office = { casesIn: 0, backlog: 10, overdue: 4, staff: 0 }; // 0.4 = 0.25 + 0.15
    expect(standsOut(office, quarter).map((r) => r.code)).toEqual(['overdue_share']);
    expect(standsOut({ ...office, backlog: 100, overdue: 39 }, quarter)).toEqual([]);
  });

  it('is the documented rule', () => {
    expect(STANDS_OUT_RULE).toEqual({
      minBacklog: 5,
      overdueFloor: 0.25,
      overdueMargin: 0.15,
      staffLoadFactor: 1.5,
      minPeers: 3,
    });
  });
});

describe('who reads office KPIs', () => {
  const member = (roles: string[], offices: string[] = []): StaffMember => ({
    userId: 7,
    roles,
    offices,
    teams: ['t1'],
  });

  it('operators, the control body and super admins read every office', () => {
    for (const role of [STAFF_ROLES.operator, STAFF_ROLES.controlBody, SUPER_ADMIN_ROLE]) {
      expect(officeScope(member([role]))).toEqual({ all: true });
    }
  });

  it('coordinators their offices; technicians and editors none', () => {
    expect(officeScope(member([STAFF_ROLES.coordinator], ['o1', 'o2']))).toEqual({
      all: false,
      offices: ['o1', 'o2'],
    });
    expect(officeScope(member([STAFF_ROLES.coordinator, STAFF_ROLES.technician], ['o1']))).toEqual({
      all: false,
      offices: ['o1'],
    });
    expect(officeScope(member([STAFF_ROLES.technician]))).toBeNull();
    expect(officeScope(member([STAFF_ROLES.editor]))).toBeNull();
  });

  it('hands cases to another office: operators and super admins only', () => {
    expect(canReassignOffice(member([STAFF_ROLES.operator]))).toBe(true);
    expect(canReassignOffice(member([SUPER_ADMIN_ROLE]))).toBe(true);
    expect(canReassignOffice(member([STAFF_ROLES.controlBody]))).toBe(false);
    expect(canReassignOffice(member([STAFF_ROLES.coordinator], ['o1']))).toBe(false);
    expect(canReassignOffice(member([STAFF_ROLES.technician]))).toBe(false);
  });
});
