/**
 * Citizen intake: validates what the public sends, matches the citizen by email, routes by topic,
 * checks the position against the city's boundary, and writes citizen, case, photos, events and
 * notifications in one transaction (or nothing at all). The case itself goes through the same
 * Document Service gate as every other write (src/lib/case-writes.ts).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { z } from 'zod';
import type { CaseKind } from '../domain/case-kind';
import { isInsidePolygon, type Polygon, type Position } from '../domain/geo';
import { runAs, type Actor } from './actor';
import { CASE_UIDS } from './case-types';
import { lockCitizenEmail } from './citizen-writes';
import { clock } from './clock';
import {
  HONEYPOT_FIELD,
  complaintIntakeSchema,
  fieldErrors,
  open311ReportSchema,
  reportIntakeSchema,
  requestIntakeSchema,
  type ReportIntake,
} from './intake-schema';
import { enqueue } from './outbox';
import { processPhoto, type ProcessedPhoto } from './photos';
import { settings } from './settings';
import { storePhotos } from './photo-storage';

export class IntakeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string
  ) {
    super(message);
  }
}

const SCHEMAS = {
  report: reportIntakeSchema,
  request: requestIntakeSchema,
  complaint: complaintIntakeSchema,
};

export interface IntakeRequest {
  body: Record<string, unknown>;
  files: { buffer: Buffer; name: string }[];
  /** users-permissions user id of a signed-in citizen */
  userId?: number | null;
}

/**
 * A case staff open on a caller's behalf (the console's phone and counter intake): the same
 * validation, routing and write gate as the public's, with the staff member as the actor, the
 * channel they took it on, no confirmation link (staff spoke to the person) and no refusal of a
 * blocked address (blocked citizens are told to call or come to the counter).
 */
export interface StaffIntake {
  actor: Actor;
  channel: 'phone' | 'counter';
  /** Called in the transaction once the case is routed; what it throws undoes everything. */
  authorize?: (created: { officeKey: string | null }) => void;
}

/**
 * A report an Open311 client files with its api_key (src/lib/open311/): the same validation,
 * routing, duplicate detection, due dates and emails, on channel `open311`. The client is trusted
 * (it holds a key staff gave it): no confirmation link is waited for, but the citizen is still
 * matched by email when one is given, and a blocked address is refused as online.
 */
export interface Open311Intake {
  actor: Actor;
  channel: 'open311';
  /** A picture the client hosts (`media_url`): stored as a link, never fetched. */
  mediaUrl?: string;
}

/** Who files a case on someone's behalf: staff at the phone or counter, or an Open311 client. */
export type IntakeVia = StaffIntake | Open311Intake;

const isStaff = (via: IntakeVia | undefined): via is StaffIntake =>
  via !== undefined && via.channel !== 'open311';

export interface IntakeResult {
  code: string;
  kind: CaseKind;
  state: string;
  receivedAt: string;
  dueAt: string | null;
  trackingUrl: string;
  position?: Position | null;
  emergency?: { alertSent: boolean; callNumber: string; message: string };
  /** A report from an address never confirmed, waiting for the emailed link to be opened. */
  confirmation?: { required: true; message: string };
  /** The problem was already reported: this report joined the open case `code`. */
  duplicateOf?: { code: string; message: string };
}

function validate<K extends CaseKind>(
  kind: K,
  body: Record<string, unknown>,
  schema: z.ZodTypeAny = SCHEMAS[kind]
) {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const details = fieldErrors(parsed.error);
    const first = details[0];
    throw new errors.ValidationError(`${first.path.join('.') || 'body'}: ${first.message}`, {
      errors: details.map((d) => ({ ...d, name: 'ValidationError' })),
    });
  }
  return parsed.data as z.infer<(typeof SCHEMAS)[K]>;
}

interface TopicRow {
  documentId: string;
  code: string;
  active: boolean;
  acceptsReports: boolean;
  acceptsRequests: boolean;
  acceptsComplaints: boolean;
}

const ACCEPTS: Record<CaseKind, keyof TopicRow> = {
  report: 'acceptsReports',
  request: 'acceptsRequests',
  complaint: 'acceptsComplaints',
};

/** A topic by its Open311 code (or slug), published and active, accepting this kind of case. */
async function findTopic(strapi: Core.Strapi, kind: CaseKind, ref: string): Promise<TopicRow> {
  const [topic] = (await strapi.db.query('api::topic.topic').findMany({
    where: { $or: [{ code: ref.toUpperCase() }, { slug: ref }], publishedAt: { $notNull: true } },
    limit: 1,
  })) as TopicRow[];
  if (!topic) throw new IntakeError(422, `There is no topic "${ref}".`, 'topic');
  if (!topic.active)
    throw new IntakeError(422, `The topic "${ref}" is not accepting cases at the moment.`, 'topic');
  if (!topic[ACCEPTS[kind]])
    throw new IntakeError(422, `The topic "${ref}" does not accept ${kind}s.`, 'topic');
  return topic;
}

interface CitizenRow {
  id: number;
  documentId: string;
  email: string;
  blocked: boolean;
  verified?: boolean | null;
}

/** The citizen by email (case-insensitive), created on first contact; their reputation travels with them. */
export async function matchCitizen(
  strapi: Core.Strapi,
  input: { contact?: { email?: string; name?: string; phone?: string }; locale: 'it' | 'en' },
  userId: number | null | undefined,
  options: { allowBlocked?: boolean } = {}
): Promise<CitizenRow> {
  const citizens = strapi.db.query('api::citizen.citizen');
  let citizen: CitizenRow | null = null;
  let email = input.contact?.email;
  if (userId) {
    citizen = await citizens.findOne({ where: { user: { id: userId } } });
    if (!citizen && !email) {
      const user = await strapi.db
        .query('plugin::users-permissions.user')
        .findOne({ where: { id: userId } });
      email = user?.email?.toLowerCase();
    }
  }
  if (!citizen && !email)
    throw new IntakeError(
      400,
      'contact.email is required unless you are signed in.',
      'contact.email'
    );
  if (!citizen) {
    await lockCitizenEmail(strapi, email as string);
    citizen = await citizens.findOne({ where: { email } });
  }
  if (citizen?.blocked && !options.allowBlocked) {
    throw new IntakeError(
      403,
      'We are sorry: this address cannot file new cases online. Please contact the URP by phone or at the counter.',
      'contact.email'
    );
  }
  if (citizen) return citizen;
  const created = await strapi.documents('api::citizen.citizen').create({
    data: {
      email,
      name: input.contact?.name,
      phone: input.contact?.phone,
      language: input.locale,
      privacyConsentAt: clock.now().toISOString(),
      user: userId ?? undefined,
    } as never,
  });
  return created as unknown as CitizenRow;
}

/**
 * The citizen behind a case staff open for a caller: matched by email like the public's when one
 * is given; a caller who leaves only a name or a phone number gets a record of their own (phone
 * numbers are not unique to a person, so they are never matched); an anonymous caller, none.
 */
async function callerCitizen(
  strapi: Core.Strapi,
  input: { contact?: { email?: string; name?: string; phone?: string }; locale: 'it' | 'en' },
  options: { allowBlocked: boolean } = { allowBlocked: true }
): Promise<CitizenRow | null> {
  const contact = input.contact ?? {};
  if (contact.email) return matchCitizen(strapi, input, null, options);
  if (!contact.name && !contact.phone) return null;
  const created = await strapi.documents('api::citizen.citizen').create({
    data: {
      name: contact.name,
      phone: contact.phone,
      language: input.locale,
      privacyConsentAt: clock.now().toISOString(),
    } as never,
  });
  return created as unknown as CitizenRow;
}

function checkBoundary(strapi: Core.Strapi, position: Position) {
  const boundary = settings(strapi).intake.boundary as Polygon;
  if (!isInsidePolygon(boundary, position)) {
    throw new IntakeError(
      422,
      `The position ${position.latitude}, ${position.longitude} is outside the municipality of ${settings(strapi).city.name}.`,
      'latitude'
    );
  }
}

export async function processPhotos(
  strapi: Core.Strapi,
  files: IntakeRequest['files']
): Promise<ProcessedPhoto[]> {
  const { maxPhotos, maxPhotoBytes } = settings(strapi).intake;
  if (files.length > maxPhotos)
    throw new IntakeError(400, `At most ${maxPhotos} photos per report.`, 'photos');
  const out: ProcessedPhoto[] = [];
  for (const file of files) {
    try {
      out.push(await processPhoto(file.buffer, { maxBytes: maxPhotoBytes }));
    } catch (error) {
      const e = error as { status?: number; message?: string };
      if (e.status) throw new IntakeError(e.status, `${file.name}: ${e.message}`, 'photos');
      throw error;
    }
  }
  return out;
}

async function alertEmergency(
  strapi: Core.Strapi,
  code: string,
  report: ReportIntake,
  position: Position | null
) {
  const { emergency, city } = settings(strapi);
  const payload = {
    code,
    kind: 'report',
    cityName: city.name,
    topicName: report.topic,
    address: report.address,
    latitude: position?.latitude,
    longitude: position?.longitude,
    description: report.description,
    emergencyNumber: emergency.callNumber,
    adminUrl: settings(strapi).links.admin,
  };
  const messages = [
    ...emergency.emails.map((email) => ({
      channel: 'email' as const,
      recipient: email,
      template: 'emergency_alert',
      language: 'it' as const,
      payload,
      dedupeKey: `emergency:${code}:email:${email}`,
      caseCode: code,
    })),
    ...(emergency.webhookUrl
      ? [
          {
            channel: 'webhook' as const,
            recipient: emergency.webhookUrl,
            template: 'emergency_alert',
            language: 'it' as const,
            payload,
            dedupeKey: `emergency:${code}:webhook`,
            caseCode: code,
          },
        ]
      : []),
  ];
  await enqueue(strapi, messages);
  return messages.length > 0;
}

/**
 * Files a case from the public, for a caller when staff file it, or for an Open311 client (`via`);
 * throws IntakeError / ValidationError for refusals.
 */
export async function fileCase(
  strapi: Core.Strapi,
  kind: CaseKind,
  request: IntakeRequest,
  via?: IntakeVia
): Promise<IntakeResult> {
  const staff = isStaff(via) ? via : undefined;
  const open311 = via?.channel === 'open311' ? via : undefined;
  if (open311 && kind !== 'report')
    throw new IntakeError(400, 'Open311 files reports only.', 'topic');
  const body = typeof request.body.data === 'string' ? safeJson(request.body.data) : request.body;
  const input = validate(kind, body, open311 ? open311ReportSchema : SCHEMAS[kind]);
  if (input[HONEYPOT_FIELD])
    throw new IntakeError(400, 'The submission was refused.', HONEYPOT_FIELD);
  if (kind !== 'report' && request.files.length)
    throw new IntakeError(400, 'Photos go with reports only.', 'photos');

  const topic = input.topic ? await findTopic(strapi, kind, input.topic) : null;
  const photos = kind === 'report' ? await processPhotos(strapi, request.files) : [];
  let position: Position | null = null;
  if (kind === 'report') {
    const r = input as ReportIntake;
    position =
      r.latitude !== undefined && r.longitude !== undefined
        ? { latitude: r.latitude, longitude: r.longitude }
        : (photos.find((p) => p.gps)?.gps ?? null);
    if (!position && !r.address) {
      throw new IntakeError(
        400,
        'Give the position (latitude and longitude) or an address.',
        'latitude'
      );
    }
    if (position) checkBoundary(strapi, position);
  }

  const actorId = request.userId ? String(request.userId) : null;
  const actor: Actor = via?.actor ?? { type: 'citizen', id: actorId, name: null };
  return runAs(actor, () =>
    strapi.db.transaction(async ({ onRollback }) => {
      const citizen = via
        ? await callerCitizen(strapi, input, { allowBlocked: !open311 })
        : await matchCitizen(strapi, input, request.userId);
      const data: Record<string, unknown> = {
        channel: via?.channel ?? input.channel,
        // Longhand: a bulk-loaded id starting with a digit would be read as a numeric id.
        ...(citizen ? { citizen: { connect: [{ documentId: citizen.documentId }] } } : {}),
        topic: topic?.documentId,
      };
      const awaitingConfirmation =
        !via &&
        citizen !== null &&
        needsConfirmation(strapi, kind, input as { emergency?: boolean }, citizen, request.userId);
      if (kind === 'report') {
        const r = input as ReportIntake;
        Object.assign(data, {
          awaitingConfirmation,
          description: r.description,
          latitude: position?.latitude ?? null,
          longitude: position?.longitude ?? null,
          address: r.address,
          declaredUrgency: r.declaredUrgency,
          emergency: r.emergency,
          attributeValues: r.attributes ?? null,
          mediaUrl: open311?.mediaUrl ?? null,
          photos: await storePhotos(strapi, photos, onRollback),
        });
      } else {
        const {
          contact: _c,
          privacyConsent: _p,
          locale: _l,
          channel: _ch,
          topic: _t,
          [HONEYPOT_FIELD]: _h,
          ...rest
        } = input as Record<string, unknown>;
        const { service, office, ...fields } = rest as { service?: string; office?: string };
        Object.assign(data, fields);
        if (kind === 'complaint')
          Object.assign(data, await complaintTargets(strapi, { service, office }));
      }
      const created = (await strapi
        .documents(CASE_UIDS[kind])
        .create({ data: data as never })) as unknown as {
        referenceCode: string;
        state: string;
        receivedAt: string;
        dueAt: string | null;
        officeKey?: string | null;
      };
      staff?.authorize?.({ officeKey: created.officeKey ?? null });
      const result: IntakeResult = {
        code: created.referenceCode,
        kind,
        state: created.state,
        receivedAt: created.receivedAt,
        dueAt: created.dueAt ?? null,
        trackingUrl: settings(strapi).links.tracking.replace(
          '{code}',
          encodeURIComponent(created.referenceCode)
        ),
      };
      if (awaitingConfirmation) {
        result.confirmation = {
          required: true,
          message:
            input.locale === 'en'
              ? 'We have emailed you a link: open it to confirm your report, and we will pass it on to the offices.'
              : "Le abbiamo inviato un'email con un collegamento: lo apra per confermare la segnalazione, che passerà così agli uffici.",
        };
      }
      if (kind === 'report') {
        result.position = position;
        const master = await masterOf(strapi, created.referenceCode);
        if (master) {
          result.duplicateOf = {
            code: master.code,
            message: alreadyKnownMessage(input.locale, master.code),
          };
          // The work is the master's: its deadline is the one that counts.
          result.dueAt = master.dueAt;
        }
        const r = input as ReportIntake;
        if (r.emergency) {
          const alertSent = await alertEmergency(strapi, created.referenceCode, r, position);
          const callNumber = settings(strapi).emergency.callNumber;
          result.emergency = {
            alertSent,
            callNumber,
            message: emergencyMessage(input.locale, callNumber, alertSent),
          };
        }
      }
      return result;
    })
  );
}

/**
 * FixMyStreet's rule, when the city turns it on: a report from an address that has never been
 * confirmed waits for the emailed link. Signed-in citizens and emergencies never wait.
 */
function needsConfirmation(
  strapi: Core.Strapi,
  kind: CaseKind,
  input: { emergency?: boolean },
  citizen: CitizenRow,
  userId: number | null | undefined
): boolean {
  if (kind !== 'report' || userId || citizen.verified || input.emergency) return false;
  return settings(strapi).intake.confirmUnknownEmails;
}

async function masterOf(
  strapi: Core.Strapi,
  code: string
): Promise<{ code: string; dueAt: string | null } | null> {
  const row = (await strapi.db.query(CASE_UIDS.report).findOne({
    where: { referenceCode: code },
    select: ['state'],
    populate: { duplicateOf: { select: ['referenceCode', 'dueAt'] } },
  })) as {
    state: string;
    duplicateOf?: { referenceCode: string; dueAt?: string | Date | null } | null;
  } | null;
  if (row?.state !== 'duplicate' || !row.duplicateOf) return null;
  const { referenceCode, dueAt } = row.duplicateOf;
  return { code: referenceCode, dueAt: dueAt ? new Date(dueAt).toISOString() : null };
}

function alreadyKnownMessage(locale: 'it' | 'en', master: string): string {
  return locale === 'en'
    ? `Thank you: this problem had already been reported and is being followed as case ${master}. We have added your report to it and will keep you informed.`
    : `Grazie: il problema era già stato segnalato ed è seguito con la pratica ${master}. Abbiamo unito la sua segnalazione e la terremo informata.`;
}

function emergencyMessage(locale: 'it' | 'en', callNumber: string, alertSent: boolean): string {
  if (locale === 'en') {
    return (
      `If anyone is in danger, call ${callNumber} now. ` +
      (alertSent
        ? "The city's emergency contacts have been alerted."
        : 'Your report is at the top of the queue of the offices.')
    );
  }
  return (
    `Se qualcuno è in pericolo chiami subito il ${callNumber}. ` +
    (alertSent
      ? 'I referenti per le emergenze del Comune sono stati allertati.'
      : 'La segnalazione è in cima alla coda degli uffici.')
  );
}

async function complaintTargets(strapi: Core.Strapi, ref: { service?: string; office?: string }) {
  const out: Record<string, string> = {};
  for (const [field, uid] of [
    ['service', 'api::service.service'],
    ['office', 'api::office.office'],
  ] as const) {
    const value = ref[field];
    if (!value) continue;
    const found = await strapi.db.query(uid).findOne({
      where: { $or: [{ slug: value }, { documentId: value }], publishedAt: { $notNull: true } },
    });
    if (!found) throw new IntakeError(422, `There is no ${field} "${value}".`, field);
    out[field === 'office' ? 'complainedOffice' : 'service'] = found.documentId;
  }
  return out;
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // fall through
  }
  throw new errors.ValidationError('data must be a JSON object', {
    errors: [{ path: ['data'], message: 'data must be a JSON object', name: 'ValidationError' }],
  });
}
