import {
  deviceActivityResponseSchema,
  deviceResponseSchema,
  type LinkPayoutRequest,
  type RegisterDeviceRequest,
  registerDeviceResponseSchema,
  type UnlinkPayoutRequest,
} from '../devices.ts';
import { earningsResponseSchema } from '../earnings.ts';
import { routes } from '../routes.ts';
import { coordinatorInfoSchema, statusResponseSchema } from '../status.ts';
import type { Call } from './call.ts';

/** The device and coordinator-info calls: registration, payout links, activity. */
export function deviceMethods(call: Call) {
  return {
    info: () => call(coordinatorInfoSchema, 'GET', routes.coordinator),
    status: () => call(statusResponseSchema, 'GET', routes.status),
    registerDevice: (body: RegisterDeviceRequest) =>
      call(registerDeviceResponseSchema, 'POST', routes.devices, body),
    getDevice: (address: string) => call(deviceResponseSchema, 'GET', routes.device(address)),
    /** Links a payout wallet: a `PayoutLink` signed by the device and by the wallet. */
    linkPayout: (address: string, body: LinkPayoutRequest) =>
      call(deviceResponseSchema, 'POST', routes.devicePayout(address), body),
    /** Unlinks the payout wallet: a `PayoutUnlink` signed by the device. */
    unlinkPayout: (address: string, body: UnlinkPayoutRequest) =>
      call(deviceResponseSchema, 'POST', routes.devicePayoutUnlink(address), body),
    /** The device and its payout changes, newest first. */
    deviceActivity: (address: string) =>
      call(deviceActivityResponseSchema, 'GET', routes.deviceActivity(address)),
    /** What the device's contributions became, per version: rows, shares, revenue (its own token). */
    deviceEarnings: (address: string) =>
      call(earningsResponseSchema, 'GET', routes.deviceEarnings(address), undefined, 'device'),
    /** An account's shares and revenue per version (public: the chain and the shares tree are). */
    accountEarnings: (address: string) =>
      call(earningsResponseSchema, 'GET', routes.accountEarnings(address)),
  };
}
