import {
  type SubmitContributionsRequest,
  submitContributionsResponseSchema,
} from '../contributions.ts';
import { type LeaseRequest, leaseResponseSchema } from '../jobs.ts';
import {
  campaignModelResponseSchema,
  type PrelabelLeaseRequest,
  prelabelLeaseResponseSchema,
  type SubmitPrelabelsRequest,
  submitPrelabelsResponseSchema,
  trainModelResponseSchema,
} from '../prelabel/prelabel-schemas.ts';
import { routes } from '../routes.ts';
import type { Call } from './call.ts';

/** A device's work: crawl leases and contributions, pre-label leases and results, campaign models. */
export function workMethods(call: Call) {
  return {
    lease: (body: LeaseRequest) => call(leaseResponseSchema, 'POST', routes.leases, body, 'device'),
    /** Items to run a campaign model on (device). */
    leasePrelabels: (body: PrelabelLeaseRequest) =>
      call(prelabelLeaseResponseSchema, 'POST', routes.prelabelLeases, body, 'device'),
    /** A signed batch of predictions for a pre-label lease (device). */
    submitPrelabels: (body: SubmitPrelabelsRequest) =>
      call(submitPrelabelsResponseSchema, 'POST', routes.prelabelResults, body, 'device'),
    /** A campaign's current model, its evaluation and pre-labeling progress. */
    campaignModel: (id: string) =>
      call(campaignModelResponseSchema, 'GET', routes.campaignModel(id)),
    /** Trains the campaign's model now (admin); publishes it when it beats the baseline. */
    trainModel: (id: string) =>
      call(trainModelResponseSchema, 'POST', routes.campaignModel(id), {}, 'admin'),
    submitContributions: (body: SubmitContributionsRequest) =>
      call(submitContributionsResponseSchema, 'POST', routes.contributions, body, 'device'),
  };
}
