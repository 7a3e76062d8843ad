import { operations } from './operations.ts';

const escapeHtml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

/**
 * The API reference as one self-contained HTML page (no scripts, no outside assets): every
 * operation by tag with its auth, parameters, body and answer schemas from `/openapi.json`.
 */
export function renderReferencePage(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
  const tags = [...new Set(operations.map((op) => op.tag))];
  const sections = tags.map((tag) => {
    const ops = operations
      .filter((op) => op.tag === tag)
      .map((op) => {
        const path = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
        const object = paths[path]?.[op.method] ?? {};
        const body = (
          object.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined
        )?.content?.['application/json']?.schema;
        const responses = object.responses as Record<
          string,
          { content?: Record<string, { schema?: unknown }> }
        >;
        const ok = Object.entries(responses).find(([code]) => code !== 'default');
        const answer = ok?.[1].content?.['application/json']?.schema;
        const params =
          (object.parameters as { name: string; in: string; required: boolean }[]) ?? [];
        const schemaBlock = (title: string, schema: unknown) =>
          schema
            ? `<details><summary>${title}</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`
            : '';
        return `<article id="${escapeHtml(String(object.operationId))}">
  <h3><span class="method ${op.method}">${op.method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
  <p>${escapeHtml(op.summary)}. <span class="auth">Auth: ${op.auth}</span>${ok ? ` · answers ${ok[0]}` : ''}</p>
  ${params.length ? `<p>Parameters: ${params.map((p) => `<code>${escapeHtml(p.name)}</code> (${p.in}${p.required ? ', required' : ''})`).join(', ')}</p>` : ''}
  ${schemaBlock('Request body', body)}${schemaBlock('Answer', answer)}
</article>`;
      })
      .join('\n');
    return `<section><h2 id="tag-${tag}">${escapeHtml(tag)}</h2>\n${ops}</section>`;
  });
  const info = doc.info as { title: string; version: string; description: string };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f5f5f5;padding:.75rem;overflow:auto}
article{border-top:1px solid #ddd;padding:.5rem 0}.method{display:inline-block;min-width:4.5rem;font-size:12px;font-weight:700}
.get{color:#1a6}.post{color:#15c}.patch{color:#a60}.delete{color:#c22}.auth{color:#555}nav a{margin-right:.75rem}
</style></head><body>
<h1>${escapeHtml(info.title)} <small>${escapeHtml(info.version)}</small></h1>
<p>${escapeHtml(info.description)} The machine-readable document: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<nav>${tags.map((tag) => `<a href="#tag-${tag}">${escapeHtml(tag)}</a>`).join('')}</nav>
${sections.join('\n')}
</body></html>`;
}
