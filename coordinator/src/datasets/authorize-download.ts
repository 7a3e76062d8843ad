import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DownloadResponse, downloadRequestTypes, plazaDomain } from '@plaza/protocol';
import { unixSeconds } from '../clock.ts';
import type { Deps } from '../deps.ts';
import { AppError, NotFoundError, SignatureInvalidError } from '../errors.ts';
import { signDownloadToken } from './download-token.ts';
import { versionDir } from './freeze-version.ts';
import { manifestSchema } from './manifest.ts';
import { readStorageRecord } from './upload-version.ts';

/** How far a request's `issuedAt` may be from the coordinator's clock. */
export const DOWNLOAD_REQUEST_WINDOW_SECONDS = 300;
/** How long download URLs work. */
export const DOWNLOAD_URL_TTL_MS = 10 * 60_000;
/** The files a licensed buyer may download. */
export const DOWNLOADABLE_FILES = ['rows.parquet', 'rows.jsonl', 'manifest.json', 'shares.json'];

/**
 * Answers a buyer's signed download request with short-lived URLs, after checking the signature
 * (EIP-712 `DownloadRequest`, recent `issuedAt`; a key's, or a contract wallet's through ERC-1271
 * or ERC-6492 on the configured chain) and, on chain, that the buyer holds an approved,
 * unexpired license of this dataset version. Refuses with `LICENSE_REQUIRED` or `LICENSE_EXPIRED`.
 */
export async function authorizeDownload(
  deps: Pick<Deps, 'clock' | 'config' | 'signer' | 'publisher' | 'wallets'> &
    Partial<Pick<Deps, 'objectStore'>>,
  params: {
    exportsDir: string;
    downloadKey: Buffer;
    campaignId: string;
    version: number;
    request: { buyer: `0x${string}`; issuedAt: number; signature: `0x${string}` };
  },
): Promise<DownloadResponse> {
  const now = deps.clock.now();
  const dir = versionDir(params.exportsDir, params.campaignId, params.version);
  const manifest = await readFile(join(dir, 'manifest.json'), 'utf8')
    .then((text) => manifestSchema.parse(JSON.parse(text)))
    .catch(() => {
      throw new NotFoundError(
        'NOT_FOUND',
        `No version ${params.version} of "${params.campaignId}".`,
      );
    });
  const { buyer, issuedAt, signature } = params.request;
  if (Math.abs(unixSeconds(now) - issuedAt) > DOWNLOAD_REQUEST_WINDOW_SECONDS) {
    throw new AppError(
      'VALIDATION_FAILED',
      `issuedAt ${issuedAt} is more than ${DOWNLOAD_REQUEST_WINDOW_SECONDS}s from now.`,
    );
  }
  const signed = await deps.wallets.verifyTypedData({
    domain: plazaDomain({ chainId: deps.config.PLAZA_CHAIN_ID, coordinator: deps.signer.address }),
    types: downloadRequestTypes,
    primaryType: 'DownloadRequest',
    message: {
      buyer,
      datasetId: BigInt(manifest.datasetId),
      version: manifest.version,
      issuedAt: BigInt(issuedAt),
    },
    address: buyer,
    signature,
  });
  if (!signed) {
    throw new SignatureInvalidError(`The download request is not signed by ${buyer}.`);
  }
  if (!deps.publisher) {
    throw new AppError('UNAVAILABLE', 'Licenses live on chain, and this coordinator has none.');
  }
  const license = await deps.publisher.licenseOf(
    buyer,
    BigInt(manifest.datasetId),
    manifest.version,
  );
  if (!license.valid) {
    if (license.expiresAt > 0) {
      throw new AppError(
        'LICENSE_EXPIRED',
        `${buyer}'s license of version ${manifest.version} expired at ${new Date(license.expiresAt * 1000).toISOString()}.`,
      );
    }
    throw new AppError(
      'LICENSE_REQUIRED',
      `${buyer} holds no approved license of version ${manifest.version} of "${params.campaignId}".`,
    );
  }
  const expiresAt = now.getTime() + DOWNLOAD_URL_TTL_MS;
  const storage = deps.objectStore ? await readStorageRecord(dir) : null;
  const token = signDownloadToken(params.downloadKey, {
    campaignId: params.campaignId,
    version: params.version,
    buyer: buyer.toLowerCase(),
    expiresAt,
  });
  return {
    expiresAt: new Date(expiresAt).toISOString(),
    licenseExpiresAt: new Date(license.expiresAt * 1000).toISOString(),
    // From the object store when the version is there (presigned, same lifetime), else from here.
    files: DOWNLOADABLE_FILES.map((name) => ({
      name,
      url:
        storage && deps.objectStore && storage.keys[name]
          ? deps.objectStore.presignGet(storage.keys[name], DOWNLOAD_URL_TTL_MS / 1000, now)
          : `/v1/downloads/${token}/${name}`,
    })),
  };
}
