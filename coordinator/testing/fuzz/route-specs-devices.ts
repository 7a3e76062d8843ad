import {
  deviceRegistrationTypes,
  linkPayoutRequestSchema,
  plazaDomain,
  registerDeviceRequestSchema,
  signPayoutLink,
  unlinkPayoutRequestSchema,
} from '@plaza/protocol';
import { asRecord, type RouteSpec } from './route-spec.ts';

/** The public status routes and a device's own: registration, earnings, payout links. */
export const deviceRouteSpecs: Record<string, RouteSpec> = {
  'GET /v1/coordinator': { auth: 'none' },
  'GET /v1/status': { auth: 'none' },
  'GET /healthz': { auth: 'none' },
  'GET /metrics': { auth: 'none' },
  'POST /v1/devices': {
    auth: 'none',
    schema: registerDeviceRequestSchema,
    bodies: (w) => w.signed.registrations,
    // Only the stranger re-signs: a newer registration of the world's device would rotate its token.
    resign: async (w, body) => {
      const { issuedAt } = asRecord(body);
      if (typeof issuedAt !== 'number') throw new Error('unsignable');
      return {
        ...asRecord(body),
        signature: await w.stranger.signTypedData({
          domain: plazaDomain(w),
          types: deviceRegistrationTypes,
          primaryType: 'DeviceRegistration',
          message: { device: w.stranger.address, issuedAt: BigInt(issuedAt) },
        }),
      };
    },
  },
  'GET /v1/devices/:address': {
    auth: 'none',
    params: (w) => ({ address: [w.device.address, w.stranger.address.toLowerCase()] }),
  },
  'GET /v1/devices/:address/activity': {
    auth: 'none',
    params: (w) => ({ address: [w.device.address, w.stranger.address.toLowerCase()] }),
  },
  'GET /v1/devices/:address/earnings': {
    auth: 'device',
    params: (w) => ({ address: [w.device.address, w.stranger.address.toLowerCase()] }),
  },
  'GET /v1/accounts/:address/earnings': {
    auth: 'none',
    params: (w) => ({ address: [w.device.address, w.stranger.address.toLowerCase()] }),
  },
  'POST /v1/devices/:address/payout': {
    auth: 'none',
    params: (w) => ({ address: [w.device.address] }),
    schema: linkPayoutRequestSchema,
    bodies: (w) => w.signed.payoutLinks,
    resign: async (w, body) => {
      const { nonce, issuedAt } = asRecord(body);
      if (typeof nonce !== 'number' || typeof issuedAt !== 'number') throw new Error('unsignable');
      const link = { device: w.device.address, nonce, issuedAt };
      const half = await signPayoutLink(w.payoutAccount, {
        chainId: w.chainId,
        coordinator: w.coordinator,
        ...link,
      });
      return {
        ...asRecord(body),
        payoutSignature: half.payoutSignature,
        deviceSignature: await w.device.payoutLink({ ...link, payout: w.payoutAccount.address }),
      };
    },
  },
  'POST /v1/devices/:address/payout/unlink': {
    auth: 'none',
    params: (w) => ({ address: [w.device.address] }),
    schema: unlinkPayoutRequestSchema,
    bodies: (w) => w.signed.payoutUnlinks,
    resign: async (w, body) => {
      const { nonce, issuedAt } = asRecord(body);
      if (typeof nonce !== 'number' || typeof issuedAt !== 'number') throw new Error('unsignable');
      return { ...asRecord(body), ...(await w.device.payoutUnlink({ nonce, issuedAt })) };
    },
  },
};
