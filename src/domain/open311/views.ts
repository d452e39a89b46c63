/**
 * What Open311 clients read of a report and of its timeline, built field by field from an allow
 * list: never the citizen (email, name, phone, device, account), never internal events.
 */
import { formatW3c } from './datetime';
import { mySocietyStatus, open311Status } from './status';

export interface PublicReport {
  code: string;
  state: string;
  wasResolved: boolean;
  serviceCode: string | null;
  serviceName: string | null;
  agency: string | null;
  description: string | null;
  /** The latest message staff wrote to the public, if any. */
  latestMessage: string | null;
  /** The master of a duplicate, when the public may see it. */
  duplicateOf: string | null;
  requestedAt: Date;
  updatedAt: Date;
  expectedAt: Date | null;
  position: { latitude: number; longitude: number } | null;
  mediaUrl: string | null;
}

export function statusNotes(r: Pick<PublicReport, 'duplicateOf' | 'latestMessage'>): string {
  const notes = [];
  if (r.duplicateOf) notes.push(`Duplicate of ${r.duplicateOf}.`);
  if (r.latestMessage) notes.push(r.latestMessage);
  return notes.join(' ');
}

/** A service request, in the spec's order of fields. */
export function requestView(r: PublicReport, timeZone: string) {
  return {
    service_request_id: r.code,
    status: open311Status(r.state),
    status_notes: statusNotes(r),
    service_name: r.serviceName ?? '',
    service_code: r.serviceCode ?? '',
    description: r.description ?? '',
    agency_responsible: r.agency ?? '',
    service_notice: '',
    requested_datetime: formatW3c(r.requestedAt, timeZone),
    updated_datetime: formatW3c(r.updatedAt, timeZone),
    expected_datetime: r.expectedAt ? formatW3c(r.expectedAt, timeZone) : '',
    // Never the free-text address: it may be the reporter's own door, which the rounded
    // position is there to hide (as on the tracking page and the map). We keep no address ids.
    address: '',
    address_id: '',
    zipcode: '',
    // Numbers when known; null (an empty element in XML) rather than a string that is no number.
    lat: r.position ? r.position.latitude : null,
    long: r.position ? r.position.longitude : null,
    media_url: r.mediaUrl ?? '',
  };
}

/** A public timeline event of a report: a status change or a message from staff. */
export interface TimelineEvent {
  id: string;
  caseCode: string;
  type: 'status_changed' | 'message_to_citizen';
  toStatus: string | null;
  text: string | null;
  at: Date;
  /** The state the report was in when the event happened (for a message). */
  stateThen: string;
  wasResolved: boolean;
  duplicateOf: string | null;
}

/**
 * Service request updates (mySociety): one per status change, with the message staff sent in the
 * same write as its description; a message on its own is an update carrying the state it was
 * sent in. Oldest first.
 */
export function updateViews(events: TimelineEvent[], timeZone: string) {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const changes = new Map<string, TimelineEvent>();
  for (const e of sorted)
    if (e.type === 'status_changed') changes.set(`${e.caseCode}|${e.at.getTime()}`, e);
  const merged = new Map<string, string>();
  for (const e of sorted) {
    if (e.type !== 'message_to_citizen' || !e.text) continue;
    const key = `${e.caseCode}|${e.at.getTime()}`;
    if (changes.has(key)) merged.set(key, e.text);
  }
  const out = [];
  for (const e of sorted) {
    const key = `${e.caseCode}|${e.at.getTime()}`;
    if (e.type === 'message_to_citizen' && changes.has(key)) continue;
    const state = e.type === 'status_changed' ? (e.toStatus ?? e.stateThen) : e.stateThen;
    const texts = [];
    if (e.type === 'status_changed' && state === 'duplicate' && e.duplicateOf)
      texts.push(`Duplicate of ${e.duplicateOf}.`);
    const text = e.type === 'status_changed' ? merged.get(key) : e.text;
    if (text) texts.push(text);
    out.push({
      update_id: e.id,
      service_request_id: e.caseCode,
      status: mySocietyStatus(state, e.wasResolved),
      updated_datetime: formatW3c(e.at, timeZone),
      description: texts.join(' '),
      media_url: '',
    });
  }
  return out;
}
