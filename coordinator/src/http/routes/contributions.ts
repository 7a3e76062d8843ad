import { type ContributionResult, submitContributionsRequestSchema } from '@plaza/protocol';
import { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { submitContributions } from '../../ingest/submit-contributions.ts';
import { type AuthVariables, requireDevice } from '../middleware/auth.ts';
import { readJson } from '../read-json.ts';

/**
 * `/v1/contributions`: a device submits a signed batch. 200 with one result per item; when every
 * item failed for the same reason, that reason's status instead, so a single submission reads like
 * any other request.
 */
export function contributionsRoutes(deps: Deps) {
  return new Hono<{ Variables: AuthVariables }>().post('/', requireDevice(deps), async (c) => {
    const body = await readJson(c, submitContributionsRequestSchema);
    const device = c.get('device').address as `0x${string}`;
    if (body.device !== device) {
      throw new AppError('FORBIDDEN', `The batch names device ${body.device}, not ${device}.`);
    }
    const response = await submitContributions(deps, {
      device,
      signature: body.signature,
      items: body.items,
    });
    const failures = response.results.filter(
      (r): r is Extract<ContributionResult, { ok: false }> => !r.ok,
    );
    const codes = new Set(failures.map((f) => f.error.code));
    if (failures.length === response.results.length && codes.size === 1) {
      const [first] = failures;
      throw new AppError(first!.error.code as never, first!.error.message, {
        details: { results: response.results },
      });
    }
    return c.json(response);
  });
}
