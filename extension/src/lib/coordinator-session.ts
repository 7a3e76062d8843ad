import {
  type CoordinatorClient,
  createCoordinatorClient,
  createDeviceSigner,
} from '@plaza/protocol';
import { z } from 'zod';
import type { DeviceKey } from './device-key.ts';
import type { KeyValueStore } from './storage/key-value-store.ts';

/** The storage key of the registrations, by coordinator URL. */
export const REGISTRATIONS_KEY = 'registrations';

const registrationSchema = z.object({
  coordinator: z.string(),
  chainId: z.number().int(),
  device: z.string(),
  token: z.string().min(32),
  registeredAt: z.number(),
});
export type Registration = z.output<typeof registrationSchema>;
const registrationsSchema = z.record(z.string(), registrationSchema);

/** A registered device at one coordinator: a client with its token and a signer for its domain. */
export interface CoordinatorSession {
  url: string;
  client: CoordinatorClient;
  signer: ReturnType<typeof createDeviceSigner>;
  coordinator: `0x${string}`;
  chainId: number;
}

/** Sessions by coordinator URL. */
export interface CoordinatorSessions {
  /** The session for `url`, registering the device when it is not (or no longer) registered. */
  get(url: string): Promise<CoordinatorSession>;
  /** Forgets the session (its token was refused): the next `get` registers again. */
  reset(url: string): Promise<void>;
}

/**
 * Registers the device with each coordinator it talks to and keeps the bearer token in storage.
 * A stored registration is reused only while `GET /v1/coordinator` still names the same signer and
 * chain (the device's signatures are bound to both); otherwise the device registers again.
 */
export function createCoordinatorSessions(params: {
  store: KeyValueStore;
  deviceKey: () => Promise<DeviceKey>;
  fetch?: typeof fetch;
  now?: () => number;
}): CoordinatorSessions {
  const now = params.now ?? Date.now;
  const sessions = new Map<string, Promise<CoordinatorSession>>();

  async function readAll(): Promise<Record<string, Registration>> {
    const parsed = registrationsSchema.safeParse(await params.store.get(REGISTRATIONS_KEY));
    return parsed.success ? parsed.data : {};
  }

  async function open(url: string): Promise<CoordinatorSession> {
    const key = await params.deviceKey();
    const anonymous = createCoordinatorClient({ baseUrl: url, ...fetchOption(params.fetch) });
    const info = await anonymous.info();
    const signer = createDeviceSigner(key.account, {
      chainId: info.chainId,
      coordinator: info.address,
    });
    const all = await readAll();
    let registration = all[url];
    if (
      !registration ||
      registration.coordinator !== info.address ||
      registration.chainId !== info.chainId ||
      registration.device !== key.address
    ) {
      const body = await signer.registration(Math.floor(now() / 1000));
      const { token } = await anonymous.registerDevice(body);
      registration = {
        coordinator: info.address,
        chainId: info.chainId,
        device: key.address,
        token,
        registeredAt: now(),
      };
      await params.store.set({
        [REGISTRATIONS_KEY]: { ...(await readAll()), [url]: registration },
      });
    }
    return {
      url,
      client: createCoordinatorClient({
        baseUrl: url,
        deviceToken: registration.token,
        ...fetchOption(params.fetch),
      }),
      signer,
      coordinator: info.address,
      chainId: info.chainId,
    };
  }

  return {
    get(url) {
      let session = sessions.get(url);
      if (!session) {
        session = open(url);
        sessions.set(url, session);
        session.catch(() => sessions.delete(url));
      }
      return session;
    },
    async reset(url) {
      sessions.delete(url);
      const { [url]: _dropped, ...rest } = await readAll();
      await params.store.set({ [REGISTRATIONS_KEY]: rest });
    },
  };
}

/** Reads the registration of a coordinator URL, for the options page. */
export async function readRegistration(
  store: KeyValueStore,
  url: string,
): Promise<Registration | null> {
  const parsed = registrationsSchema.safeParse(await store.get(REGISTRATIONS_KEY));
  return parsed.success ? (parsed.data[url] ?? null) : null;
}

function fetchOption(doFetch: typeof fetch | undefined): { fetch?: typeof fetch } {
  return doFetch ? { fetch: doFetch } : {};
}
