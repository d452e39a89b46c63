/** Checks on an OpenAPI document: its operations, references, path parameters, answer schemas. */
import type { Operation, Schema } from '../../src/lib/openapi/common';

interface Doc {
  paths: Record<string, Partial<Record<string, Operation>>>;
  components: { schemas: Record<string, Schema> };
}

export function describedOperations(doc: Doc) {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method,
      path,
      action: (op as Operation)['x-strapi-action'],
      op: op as Operation,
    }))
  );
}

function* walk(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) {
    for (const v of value) yield* walk(v);
  } else if (value && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const v of Object.values(value)) yield* walk(v);
  }
}

/** `$ref`s that point at nothing in the document. */
export function unresolvedRefs(doc: Doc): string[] {
  const out: string[] = [];
  for (const node of walk(doc)) {
    if (typeof node.$ref !== 'string') continue;
    const match = /^#\/components\/schemas\/(.+)$/.exec(node.$ref);
    if (!match || !(match[1] in doc.components.schemas)) out.push(node.$ref);
  }
  return out;
}

/** `{param}`s of paths without a required `in: path` parameter, and path parameters not in the path. */
export function undeclaredPathParams(doc: Doc): string[] {
  const out: string[] = [];
  for (const { method, path, op } of describedOperations(doc)) {
    const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const declared = (op.parameters ?? [])
      .filter((p) => p.in === 'path')
      .map((p) => ({ name: String(p.name), required: p.required === true }));
    for (const name of inPath) {
      if (!declared.some((d) => d.name === name && d.required))
        out.push(`${method} ${path}: ${name}`);
    }
    for (const d of declared) {
      if (!inPath.includes(d.name)) out.push(`${method} ${path}: ${d.name} is not in the path`);
    }
  }
  return out;
}

/**
 * The property names of every schema reachable from the operations' responses (or request
 * bodies), by schema: named ones under their name, inline ones under `<inline>`.
 */
export function referencedSchemas(doc: Doc, part: 'responses' | 'requestBody') {
  const props = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const visit = (value: unknown, owner: string) => {
    for (const node of walk(value)) {
      if (typeof node.$ref === 'string') {
        const name = node.$ref.split('/').pop() as string;
        if (!seen.has(name)) {
          seen.add(name);
          visit(doc.components.schemas[name], name);
        }
      }
      const properties = node.properties as Record<string, unknown> | undefined;
      if (properties && typeof properties === 'object') {
        if (!props.has(owner)) props.set(owner, new Set());
        for (const key of Object.keys(properties)) props.get(owner)?.add(key);
      }
    }
  };
  for (const { op } of describedOperations(doc)) visit(op[part], '<inline>');
  return props;
}
