/**
 * What the public may send when it files a case: exactly these fields, each with its limits.
 * Unknown keys (status, priority, office, internal notes…) are refused by name, so no staff field
 * can be set from outside. Values from multipart forms arrive as strings and are coerced.
 */
import { z } from 'zod';

/** The honeypot: a field people never see (hidden by CSS on the website), bots fill. */
export const HONEYPOT_FIELD = 'website';

/** An optional number from JSON or a form field; a blank form field means "not given", never 0. */
const optionalFormNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().min(min).max(max).optional()
  );

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'on');
const jsonish = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }, schema);

const contact = z
  .object({
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()).optional(),
    name: optionalText(200),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()./-]{5,40}$/, 'a phone number of digits, spaces and + ( ) . / -')
      .optional(),
  })
  .strict();

const common = {
  contact: jsonish(contact).optional(),
  privacyConsent: bool.refine((v) => v, 'privacy consent is required'),
  locale: z.enum(['it', 'en']).default('it'),
  channel: z.enum(['web', 'app']).default('web'),
  [HONEYPOT_FIELD]: z.string().optional(),
};

const attributeValue = z.union([
  z.string().max(1000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(200)).max(50),
]);

const reportFields = {
  topic: text(1, 60),
  description: text(10, 4000),
  latitude: optionalFormNumber(-90, 90),
  longitude: optionalFormNumber(-180, 180),
  address: optionalText(300),
  declaredUrgency: z.coerce.number().int().min(1).max(5).default(3),
  emergency: bool.default(false),
  attributes: jsonish(z.record(z.string().max(60), attributeValue)).optional(),
  ...common,
};

const positionPairs = {
  check: (v: { latitude?: number; longitude?: number }) =>
    (v.latitude === undefined) === (v.longitude === undefined),
  params: { message: 'latitude and longitude go together', path: ['longitude'] },
};

export const reportIntakeSchema = z
  .object(reportFields)
  .strict()
  .refine(positionPairs.check, positionPairs.params);

/**
 * A report an Open311 client files (src/lib/open311/create.ts maps the spec's fields onto these):
 * the spec makes the description optional, so any non-empty text will do.
 */
export const open311ReportSchema = z
  .object({ ...reportFields, description: text(1, 4000) })
  .strict()
  .refine(positionPairs.check, positionPairs.params);

export const requestIntakeSchema = z
  .object({
    kind: z.enum(['information', 'verification', 'suggestion']).default('information'),
    topic: text(1, 60).optional(),
    subject: text(3, 200),
    description: text(10, 4000),
    ...common,
  })
  .strict();

export const complaintIntakeSchema = z
  .object({
    topic: text(1, 60).optional(),
    service: text(1, 200).optional(),
    office: text(1, 200).optional(),
    subject: text(3, 200),
    description: text(10, 4000),
    ...common,
  })
  .strict();

export type ReportIntake = z.infer<typeof reportIntakeSchema>;
export type RequestIntake = z.infer<typeof requestIntakeSchema>;
export type ComplaintIntake = z.infer<typeof complaintIntakeSchema>;

export interface FieldError {
  path: string[];
  message: string;
}

/** Zod issues as field errors; an unknown key is named as the field itself. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...issue.path.map(String), key],
        message: `"${key}" cannot be set here`,
      }));
    }
    return [{ path: issue.path.map(String), message: issue.message }];
  });
}

/** Supporting a report already on the map: who supports it (once per address). */
export const supportSchema = z
  .object({
    contact: common.contact,
    privacyConsent: common.privacyConsent,
    locale: common.locale,
    [HONEYPOT_FIELD]: z.string().optional(),
  })
  .strict();
export type SupportInput = z.infer<typeof supportSchema>;
