/**
 * Walks a GraphQL schema from its root operations through every field's type (object, interface,
 * union members), as a client can: which object types are reachable, from which root fields, and
 * which reachable fields look personal by their name.
 */
import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/** Field names that hold, or point at, a person's data. */
export const PERSONAL_FIELD =
  /e-?mail|phone|mobile|fax|^pec$|pec$|first_?name|last_?name|surname|user_?name|full_?name|manager_?name|contact_?name|birth|fiscal|tax_?code|iban|^ip$|ip_?address|device|address|citizen|assignee|recipient|author|^owner|created_?by|updated_?by|password|token|secret/i;

export interface Reach {
  /** Every reachable object/interface/union type, with the root fields that lead to it. */
  types: Map<string, Set<string>>;
  /** Reachable `Type.field` pairs whose name matches PERSONAL_FIELD. */
  personal: Set<string>;
  /** Every reachable `Type.field`. */
  fields: Set<string>;
}

function children(type: GraphQLNamedType, schema: GraphQLSchema): GraphQLNamedType[] {
  if (isObjectType(type) || isInterfaceType(type)) {
    const out = Object.values(type.getFields()).map((f) => getNamedType(f.type));
    if (isInterfaceType(type)) out.push(...schema.getPossibleTypes(type));
    return out;
  }
  if (isUnionType(type)) return [...type.getTypes()];
  return [];
}

export function walkSchema(schema: GraphQLSchema): Reach {
  const reach: Reach = { types: new Map(), personal: new Set(), fields: new Set() };
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  for (const root of roots) {
    if (!root) continue;
    for (const [name, field] of Object.entries(root.getFields())) {
      const origin = `${root.name}.${name}`;
      const seen = new Set<string>();
      const queue: GraphQLNamedType[] = [getNamedType(field.type)];
      while (queue.length) {
        const type = queue.shift() as GraphQLNamedType;
        if (seen.has(type.name)) continue;
        seen.add(type.name);
        if (!isObjectType(type) && !isInterfaceType(type) && !isUnionType(type)) continue;
        if (!reach.types.has(type.name)) reach.types.set(type.name, new Set());
        reach.types.get(type.name)?.add(origin);
        if (isObjectType(type) || isInterfaceType(type)) {
          for (const fieldName of Object.keys(type.getFields())) {
            const pair = `${type.name}.${fieldName}`;
            reach.fields.add(pair);
            if (PERSONAL_FIELD.test(fieldName)) reach.personal.add(pair);
          }
        }
        queue.push(...children(type, schema));
      }
    }
  }
  return reach;
}
