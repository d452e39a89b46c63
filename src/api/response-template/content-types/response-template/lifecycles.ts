/**
 * A template is checked on every save, whatever the path (admin content manager, API token, seed):
 * a placeholder nobody knows, or a state its kind never has, is a 400 naming the field
 * (src/domain/response-templates.ts says which placeholders exist).
 */
import { errors } from '@strapi/utils';
import { templateProblems } from '../../../../domain/response-templates';

const UID = 'api::response-template.response-template';

type Data = Record<string, unknown>;
interface Event {
  params: { data?: Data; where?: Record<string, unknown> };
}

function refuse(data: Data): void {
  const problems = templateProblems(data as Parameters<typeof templateProblems>[0]);
  if (!problems.length) return;
  const [first] = problems;
  throw new errors.ValidationError(`${first.field}: ${first.message}`, {
    errors: problems.map((p) => ({ path: [p.field], message: p.message, name: 'ValidationError' })),
  });
}

export default {
  beforeCreate(event: Event) {
    refuse({ kind: 'any', ...(event.params.data ?? {}) });
  },

  async beforeUpdate(event: Event) {
    const data = event.params.data ?? {};
    let merged: Data = data;
    // A state or kind changed alone is checked against the other one as stored.
    if (('state' in data || 'kind' in data) && !('state' in data && 'kind' in data)) {
      const stored = (await strapi.db
        .query(UID)
        .findOne({ where: event.params.where, select: ['kind', 'state'] })) as Data | null;
      merged = { ...(stored ?? {}), ...data };
    }
    refuse(merged);
  },
};
