import { requestView, updateViews, type TimelineEvent } from '../../src/domain/open311/views';

const ROME = 'Europe/Rome';

describe('requestView', () => {
  it('gives the spec’s fields in order, with W3C times and a duplicate’s master', () => {
    const view = requestView(
      {
        code: 'SEG-2026-000002',
        state: 'duplicate',
        wasResolved: false,
        serviceCode: 'BUCHE',
        serviceName: 'Buche',
        agency: 'Manutenzione strade',
        description: 'Buca',
        latestMessage: 'Grazie della segnalazione.',
        duplicateOf: 'SEG-2026-000001',
        requestedAt: new Date('2026-11-23T07:58:18.123Z'),
        updatedAt: new Date('2026-11-24T07:58:18Z'),
        expectedAt: null,
        position: { latitude: 43.716, longitude: 10.402 },
        mediaUrl: null,
      },
      ROME
    );
    expect(Object.keys(view)).toEqual([
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'expected_datetime',
      'address',
      'address_id',
      'zipcode',
      'lat',
      'long',
      'media_url',
    ]);
    expect(view).toMatchObject({
      status: 'closed',
      status_notes: 'Duplicate of SEG-2026-000001. Grazie della segnalazione.',
      requested_datetime: '2026-11-23T08:58:18+01:00',
      expected_datetime: '',
      lat: 43.716,
    });
  });
});

describe('updateViews', () => {
  const event = (over: Partial<TimelineEvent>): TimelineEvent => ({
    id: 'e',
    caseCode: 'SEG-2026-000001',
    type: 'status_changed',
    toStatus: null,
    text: null,
    at: new Date('2026-08-02T08:00:00Z'),
    stateThen: 'received',
    wasResolved: false,
    duplicateOf: null,
    ...over,
  });

  it('merges a message into the status change of the same write, oldest first', () => {
    const views = updateViews(
      [
        event({
          id: 'm2',
          type: 'message_to_citizen',
          text: 'Fatto.',
          at: new Date('2026-08-05T08:00:00Z'),
          stateThen: 'resolved',
          wasResolved: true,
        }),
        event({ id: 'm1', type: 'message_to_citizen', text: 'Sopralluogo.' }),
        event({ id: 's1', toStatus: 'triaged' }),
        event({
          id: 's2',
          toStatus: 'closed',
          wasResolved: true,
          at: new Date('2026-08-06T08:00:00Z'),
        }),
        event({
          id: 's3',
          caseCode: 'SEG-2026-000009',
          toStatus: 'duplicate',
          duplicateOf: 'SEG-2026-000001',
        }),
      ],
      ROME
    );
    expect(views.map((v) => [v.update_id, v.status, v.description])).toEqual([
      ['s1', 'investigating', 'Sopralluogo.'],
      ['s3', 'duplicate', 'Duplicate of SEG-2026-000001.'],
      ['m2', 'fixed', 'Fatto.'],
      ['s2', 'fixed', ''],
    ]);
    expect(views[0]).toEqual({
      update_id: 's1',
      service_request_id: 'SEG-2026-000001',
      status: 'investigating',
      updated_datetime: '2026-08-02T10:00:00+02:00',
      description: 'Sopralluogo.',
      media_url: '',
    });
  });
});
