import {
  buildContribution,
  type CoordinatorClient,
  createCoordinatorClient,
  createDeviceSigner,
  type FetchedPage,
  type Job,
  type LeaseRequest,
  type LeaseResponse,
  type ParsedContributionItem,
  type SubmitContributionsRequest,
  type SubmitContributionsResponse,
} from '@plaza/protocol';
import { keccak256, stringToBytes } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

/** Options of {@link createSimulatedDevice}. */
export interface CreateSimulatedDeviceOptions {
  /**
   * The coordinator, or several processes of one deployment (same keys, same database): requests
   * then rotate over them, starting at `startAt`.
   */
  baseUrl: string | readonly string[];
  /** Index in `baseUrl` of the first request. @default 0 */
  startAt?: number;
  /** A fixed device key; a fresh random one by default. */
  privateKey?: `0x${string}`;
}

/** A page as the simulated device "fetched" it. */
export interface SimulatedPage {
  text: string;
  title?: string;
  httpStatus?: number;
  links?: string[];
  /** Unix seconds. @default now */
  fetchedAt?: number;
}

/** A registered simulated extension. */
export interface SimulatedDevice {
  address: `0x${string}`;
  /** The bearer token registration gave, for requests made without the client. */
  token: string;
  /** The coordinator's receipt signer and chain, as `GET /v1/coordinator` gave them. */
  coordinator: { address: `0x${string}`; chainId: number };
  /** `POST /v1/leases` on the next coordinator in turn. */
  lease: (request?: LeaseRequest) => Promise<LeaseResponse>;
  /** The contribution of a job, with the hashes that commit to the page. */
  contribution: (job: Pick<Job, 'jobId' | 'url'>, page: SimulatedPage) => ParsedContributionItem;
  /** Signs a batch: the `POST /v1/contributions` body, ready to send now or later. */
  sign: (items: ParsedContributionItem[]) => Promise<SubmitContributionsRequest>;
  /** Sends a signed batch to the next coordinator in turn. */
  submit: (body: SubmitContributionsRequest) => Promise<SubmitContributionsResponse>;
  /** The base URL the next request goes to. */
  nextBaseUrl: () => string;
}

/**
 * A simulated extension with a real secp256k1 key: it registers through the API (signing its
 * `DeviceRegistration`), then leases, builds and signs contributions, and submits them with the
 * protocol's own client and signer, exactly as the extension does.
 *
 * @example
 * const device = await createSimulatedDevice({ baseUrl: coordinator.url });
 * const { lease } = await device.lease({ max: 4 });
 * const items = lease.jobs.map((job) => device.contribution(job, { text: pages.get(job.url) }));
 * await device.submit(await device.sign(items));
 */
export async function createSimulatedDevice(
  options: CreateSimulatedDeviceOptions,
): Promise<SimulatedDevice> {
  const baseUrls = typeof options.baseUrl === 'string' ? [options.baseUrl] : [...options.baseUrl];
  if (baseUrls.length === 0) throw new Error('createSimulatedDevice needs at least one baseUrl.');
  let turn = options.startAt ?? 0;
  const nextIndex = () => turn++ % baseUrls.length;

  const anonymous = createCoordinatorClient({ baseUrl: baseUrls[nextIndex()]! });
  const info = await anonymous.info();
  const account = privateKeyToAccount(options.privateKey ?? generatePrivateKey());
  const signer = createDeviceSigner(account, { chainId: info.chainId, coordinator: info.address });
  const registration = await signer.registration(Math.floor(Date.now() / 1000));
  const { token } = await createCoordinatorClient({
    baseUrl: baseUrls[nextIndex()]!,
  }).registerDevice(registration);
  const clients: CoordinatorClient[] = baseUrls.map((baseUrl) =>
    createCoordinatorClient({ baseUrl, deviceToken: token }),
  );

  return {
    address: signer.address,
    token,
    coordinator: { address: info.address, chainId: info.chainId },
    nextBaseUrl: () => baseUrls[turn % baseUrls.length]!,
    lease: (request = { max: 4 }) => clients[nextIndex()]!.lease(request),
    contribution: (job, page) => {
      const body = `<html><head><title>${page.title ?? ''}</title></head><body>${page.text}</body></html>`;
      const fetched: FetchedPage = {
        httpStatus: page.httpStatus ?? 200,
        bodyHash: keccak256(stringToBytes(body)),
        bodyBytes: Buffer.byteLength(body),
        contentType: 'text/html; charset=utf-8',
        title: page.title ?? '',
        text: page.text,
        links: page.links ?? [],
        fetchedAt: page.fetchedAt ?? Math.floor(Date.now() / 1000),
      };
      return buildContribution(job, fetched);
    },
    sign: (items) => signer.batch(items),
    submit: (body) => clients[nextIndex()]!.submitContributions(body),
  };
}
