import { Hono } from 'hono';
import { buildOpenApi } from '../openapi/build-openapi.ts';
import { renderReferencePage } from '../openapi/reference-page.ts';
import { COORDINATOR_VERSION } from './status.ts';

/** `/openapi.json` (the API, generated from its zod schemas) and `/reference` (a page of it). */
export function openapiRoutes() {
  let doc: Record<string, unknown> | undefined;
  let page: string | undefined;
  const getDoc = () => {
    doc ??= buildOpenApi({ version: COORDINATOR_VERSION });
    return doc;
  };
  return new Hono()
    .get('/openapi.json', (c) => c.json(getDoc()))
    .get('/reference', (c) => {
      page ??= renderReferencePage(getDoc());
      return c.html(page);
    });
}
