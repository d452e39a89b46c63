/**
 * The OpenAPI document as one self-contained HTML page: no script, no external style or font
 * (the Content Security Policy and closed networks allow neither), rendered on the server from the
 * same object as /api/openapi.json.
 */
import type { OpenApiDocument } from './spec';
import type { Operation, Schema } from './common';

const escape = (text: unknown) =>
  String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const anchor = (name: string) => `schema-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A short, readable rendering of a schema: references link to their section. */
function schemaHtml(schema: Schema | undefined, depth = 0): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() as string;
    return `<a href="#${anchor(name)}">${escape(name)}</a>`;
  }
  if (depth > 6) return '…';
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key] as Schema[] | undefined;
    if (list)
      return list.map((s) => schemaHtml(s, depth + 1)).join(key === 'allOf' ? ' &amp; ' : ' | ');
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type as string);
  if (type === 'array' || (Array.isArray(schema.type) && schema.items)) {
    return `array of ${schemaHtml(schema.items as Schema, depth + 1)}`;
  }
  const props = schema.properties as Record<string, Schema> | undefined;
  if (props) {
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const rows = Object.entries(props)
      .map(
        ([name, s]) =>
          `<li><code>${escape(name)}</code>${required.has(name) ? ' <small>required</small>' : ''}: ${schemaHtml(s, depth + 1)}${s.description ? ` <span class="d">${escape(s.description)}</span>` : ''}</li>`
      )
      .join('');
    return `object<ul>${rows}</ul>`;
  }
  const extras = [
    schema.enum
      ? `one of ${(schema.enum as unknown[]).map((v) => `<code>${escape(v)}</code>`).join(', ')}`
      : '',
    schema.format ? `(${escape(schema.format)})` : '',
    schema.const !== undefined ? `= <code>${escape(schema.const)}</code>` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `${escape(type ?? 'any')}${extras ? ` ${extras}` : ''}`;
}

function operationHtml(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<li><code>${escape(p.name)}</code> <small>${escape(p.in)}${p.required ? ', required' : ''}</small>: ${schemaHtml(p.schema as Schema)} <span class="d">${escape(p.description)}</span></li>`
    )
    .join('');
  const content = (op.requestBody?.content ?? {}) as Record<string, { schema?: Schema }>;
  const body = Object.entries(content)
    .map(([media, c]) => `<li><code>${escape(media)}</code>: ${schemaHtml(c.schema)}</li>`)
    .join('');
  const responses = Object.entries(op.responses)
    .map(([status, r]) => {
      const media = (r.content ?? {}) as Record<string, { schema?: Schema }>;
      const shapes = Object.entries(media)
        .map(([m, c]) => `<code>${escape(m)}</code> ${schemaHtml(c.schema)}`)
        .join('; ');
      return `<li><b>${escape(status)}</b> ${escape(r.description)} ${shapes}</li>`;
    })
    .join('');
  return `<section class="op" id="${escape(`${method}-${path}`)}">
<h3><span class="m ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h3>
<p>${escape(op.summary)}</p>${op.description ? `<p class="d">${escape(op.description)}</p>` : ''}
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}
${body ? `<h4>Request body</h4><ul>${body}</ul>` : ''}
<h4>Responses</h4><ul>${responses}</ul>
</section>`;
}

export function renderDocsHtml(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops) as [string, Operation][]) {
      const tag = op.tags[0] ?? 'Other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)?.push(operationHtml(method, path, op));
    }
  }
  const tags = doc.tags
    .filter((t) => byTag.has(String(t.name)))
    .map(
      (t) =>
        `<h2 id="tag-${escape(t.name)}">${escape(t.name)}</h2><p class="d">${escape(t.description)}</p>${(byTag.get(String(t.name)) ?? []).join('\n')}`
    )
    .join('\n');
  const schemas = Object.entries(doc.components.schemas)
    .map(
      ([name, s]) =>
        `<section id="${anchor(name)}"><h3>${escape(name)}</h3>${schemaHtml(s)}</section>`
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
code{font-family:ui-monospace,monospace;background:#f3f3f3;padding:0 .2em}
.op{border-top:1px solid #ddd;padding:.5rem 0}
.m{display:inline-block;min-width:4em;font-size:.8em;padding:.1em .4em;color:#fff;background:#555;text-align:center}
.m.get{background:#1f6f43}.m.post{background:#1d4f91}.m.put{background:#8a5a00}.m.delete{background:#9b1c1c}
.d{color:#555}small{color:#777}ul{margin:.2rem 0}
</style></head><body>
<h1>${escape(doc.info.title)}</h1>
<p>${escape(doc.info.description)}</p>
<p>OpenAPI ${escape(doc.openapi)}: <a href="/api/openapi.json">/api/openapi.json</a></p>
${tags}
<h2>Schemas</h2>
${schemas}
</body></html>`;
}
