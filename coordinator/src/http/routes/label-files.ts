import {
  campaignIdSchema,
  importGoldRequestSchema,
  importItemsRequestSchema,
  labelExportFormatSchema,
} from '@plaza/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { ValidationError } from '../../errors.ts';
import { exportAggregatedLabels, exportRawLabels } from '../../labeling/export/export-labels.ts';
import { importGold } from '../../labeling/import/import-gold.ts';
import { importItems } from '../../labeling/import/import-items.ts';
import { requireAdmin } from '../middleware/auth.ts';
import { readJson } from '../read-json.ts';
import { readQuery } from '../read-query.ts';

const exportQuerySchema = z.object({
  format: labelExportFormatSchema.default('jsonl'),
  /** `true`: one aggregated label per item instead of every labeler's. */
  aggregated: z.enum(['true', 'false']).default('false'),
});

const CONTENT_TYPES = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  conll: 'text/plain; charset=utf-8',
} as const;

function parseId(value: string): string {
  const parsed = campaignIdSchema.safeParse(value);
  if (!parsed.success) throw new ValidationError(`"${value}" is not a campaign id.`);
  return parsed.data;
}

/**
 * `/v1/campaigns/:id` (admin): items and gold answers imported from JSONL or CSV files (all or
 * nothing, problems by line), and labels exported (every labeler's, or the aggregates) as JSONL,
 * CSV or CoNLL.
 */
export function labelFilesRoutes(deps: Deps) {
  const admin = requireAdmin(deps);
  return new Hono()
    .post('/:id/import/items', admin, async (c) => {
      const id = parseId(c.req.param('id'));
      const request = await readJson(c, importItemsRequestSchema);
      return c.json(await importItems(deps, id, request), 201);
    })
    .post('/:id/import/gold', admin, async (c) => {
      const id = parseId(c.req.param('id'));
      const request = await readJson(c, importGoldRequestSchema);
      return c.json(await importGold(deps, id, request), 201);
    })
    .get('/:id/labels', admin, async (c) => {
      const campaignId = parseId(c.req.param('id'));
      const { format, aggregated } = readQuery(c, exportQuerySchema);
      const exporter = aggregated === 'true' ? exportAggregatedLabels : exportRawLabels;
      const chunks = exporter(deps, { campaignId, format });
      // The first chunk before the answer starts: an unknown campaign or a format that does not
      // fit is a coded error, not a broken stream.
      const first = await chunks.next();
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          if (!first.done) controller.enqueue(encoder.encode(first.value));
        },
        async pull(controller) {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        },
        async cancel() {
          await chunks.return(undefined);
        },
      });
      const name = `${campaignId}-${aggregated === 'true' ? 'aggregated' : 'labels'}.${format}`;
      return new Response(body, {
        headers: {
          'content-type': CONTENT_TYPES[format],
          'content-disposition': `attachment; filename="${name}"`,
        },
      });
    });
}
