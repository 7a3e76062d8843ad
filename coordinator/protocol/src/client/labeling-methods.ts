import {
  authNonceResponseSchema,
  type SignInRequest,
  sessionSchema,
  signInResponseSchema,
} from '../auth.ts';
import { countResponseSchema } from '../campaign-labels.ts';
import {
  type LabelValue,
  type LeaseTasksRequest,
  labelerStatsSchema,
  leaseTasksResponseSchema,
  recentLabelsResponseSchema,
  type SubmitLabelsRequest,
  submitLabelsResponseSchema,
} from '../labels.ts';
import { reviewItemsResponseSchema } from '../review.ts';
import { routes } from '../routes.ts';
import type { Call } from './call.ts';
import { query } from './query.ts';

/** Sign-in and labeling (session): tasks, labels, stats, review. */
export function labelingMethods(call: Call) {
  return {
    authNonce: () => call(authNonceResponseSchema, 'POST', routes.authNonce, {}),
    signIn: (body: SignInRequest) => call(signInResponseSchema, 'POST', routes.authSiwe, body),
    session: () => call(sessionSchema, 'GET', routes.authSession, undefined, 'session'),
    signOut: () => call(countResponseSchema, 'POST', routes.authSignOut, {}, 'session'),
    leaseTasks: (body: LeaseTasksRequest) =>
      call(leaseTasksResponseSchema, 'POST', routes.labelingTasks, body, 'session'),
    submitLabels: (body: SubmitLabelsRequest) =>
      call(submitLabelsResponseSchema, 'POST', routes.labelingLabels, body, 'session'),
    skipTask: (itemId: number) =>
      call(countResponseSchema, 'POST', routes.labelingSkip, { itemId }, 'session'),
    recentLabels: (campaignId: string) =>
      call(
        recentLabelsResponseSchema,
        'GET',
        `${routes.labelingRecent}?${query({ campaignId })}`,
        undefined,
        'session',
      ),
    labelerStats: (campaignId: string) =>
      call(
        labelerStatsSchema,
        'GET',
        `${routes.labelingMe}?${query({ campaignId })}`,
        undefined,
        'session',
      ),
    /** Review needs a reviewer's session, or the operator's admin key (sent first when given). */
    reviewItems: (campaignId: string, limit = 20) =>
      call(
        reviewItemsResponseSchema,
        'GET',
        `${routes.reviewItems}?${query({ campaignId, limit })}`,
        undefined,
        'admin',
      ),
    resolveReview: (itemId: number, value: LabelValue) =>
      call(countResponseSchema, 'POST', routes.reviewResolve, { itemId, value }, 'admin'),
  };
}
