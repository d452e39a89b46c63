/**
 * Fields named like personal data that the public API shows on purpose, by the piece of content
 * they belong to; the GraphQL and OpenAPI exposure tests name the types their own way. An office's
 * contacts and manager are public by law on Italian municipal sites (D.Lgs. 33/2013, art. 13 and
 * 35); a service's access channel and contact point are a desk's or an office's, never a person's.
 */
export const INSTITUTIONAL_FIELDS = {
  office: ['email', 'pec', 'phone', 'address', 'managerName'],
  accessChannel: ['phone'],
  contact: ['email', 'pec', 'phone'],
} as const;

/** `Type.field` names for the given type name of each piece of content. */
export function institutionalFields(typeNames: Record<keyof typeof INSTITUTIONAL_FIELDS, string>) {
  return Object.entries(INSTITUTIONAL_FIELDS).flatMap(([content, fields]) =>
    fields.map((f) => `${typeNames[content as keyof typeof INSTITUTIONAL_FIELDS]}.${f}`)
  );
}
