/**
 * Every error code the coordinator answers with, and its HTTP status and whether retrying can help.
 * The wire shape is `{ error: { code, message, retryable, details? } }`.
 */
export const errorCodes = {
  BAD_JSON: { status: 400, retryable: false },
  VALIDATION_FAILED: { status: 400, retryable: false },
  BODY_TOO_LARGE: { status: 413, retryable: false },
  /** The JSON body holds more values than the coordinator parses (`PLAZA_MAX_BODY_NODES`). */
  BODY_TOO_COMPLEX: { status: 413, retryable: false },
  /** The JSON body nests deeper than the coordinator parses (`PLAZA_MAX_BODY_DEPTH`). */
  BODY_TOO_DEEP: { status: 400, retryable: false },
  /** The request path is not valid percent-encoded UTF-8. */
  PATH_INVALID: { status: 400, retryable: false },
  UNAUTHORIZED: { status: 401, retryable: false },
  SIGNATURE_INVALID: { status: 401, retryable: false },
  FORBIDDEN: { status: 403, retryable: false },
  NOT_FOUND: { status: 404, retryable: false },
  ROUTE_NOT_FOUND: { status: 404, retryable: false },
  DEVICE_NOT_REGISTERED: { status: 403, retryable: false },
  DEVICE_QUARANTINED: { status: 403, retryable: false },
  CAMPAIGN_NOT_FOUND: { status: 404, retryable: false },
  CAMPAIGN_EXISTS: { status: 409, retryable: false },
  /** A closed campaign takes no more changes. */
  CAMPAIGN_CLOSED: { status: 409, retryable: false },
  /** A campaign that could never fetch a page (every seed refused, a scope host refused). */
  CAMPAIGN_INVALID: { status: 422, retryable: false },
  /** Fewer rows are labelled than the freeze needs (force overrides). */
  FREEZE_UNDERLABELLED: { status: 422, retryable: false },
  /** The version would be identical to the last one (same rows root). */
  VERSION_UNCHANGED: { status: 409, retryable: false },
  WEBHOOK_NOT_FOUND: { status: 404, retryable: false },
  NONCE_REPLAYED: { status: 409, retryable: false },
  /** A payout nonce more than one above the last accepted one: sign again with the next one. */
  NONCE_OUT_OF_ORDER: { status: 409, retryable: false },
  LEASE_NOT_FOUND: { status: 404, retryable: false },
  LEASE_NOT_OWNED: { status: 403, retryable: false },
  LEASE_EXPIRED: { status: 410, retryable: false },
  CONTRIBUTION_CONFLICT: { status: 409, retryable: false },
  URL_FORBIDDEN: { status: 422, retryable: false },
  URL_OUT_OF_SCOPE: { status: 422, retryable: false },
  SIWE_INVALID: { status: 401, retryable: false },
  SESSION_INVALID: { status: 401, retryable: false },
  ITEM_NOT_FOUND: { status: 404, retryable: false },
  LABEL_INVALID: { status: 422, retryable: false },
  LABEL_NOT_EDITABLE: { status: 409, retryable: false },
  TASK_NOT_LEASED: { status: 403, retryable: false },
  LABELER_PAUSED: { status: 403, retryable: false },
  /** Gold answers are set by an admin only; a reviewer may not settle a gold item. */
  GOLD_ADMIN_ONLY: { status: 403, retryable: false },
  /** A reviewer may not settle an item they labelled themselves. */
  REVIEW_OWN_ITEM: { status: 403, retryable: false },
  /** An imported file has problems (listed by line in `details`); nothing was written. */
  IMPORT_INVALID: { status: 422, retryable: false },
  /** Another writer stored the same content while the import ran; running it again can help. */
  IMPORT_CONFLICT: { status: 409, retryable: true },
  /** The export format does not fit the campaign (CoNLL is for span campaigns). */
  EXPORT_FORMAT_UNSUPPORTED: { status: 422, retryable: false },
  VERSION_EMPTY: { status: 422, retryable: false },
  CHAIN_REVERTED: { status: 502, retryable: false },
  LICENSE_REQUIRED: { status: 403, retryable: false },
  LICENSE_EXPIRED: { status: 403, retryable: false },
  DOWNLOAD_EXPIRED: { status: 410, retryable: false },
  MODEL_NOT_FOUND: { status: 404, retryable: false },
  PRELABEL_RESULT_INVALID: { status: 422, retryable: false },
  PRELABEL_CONFLICT: { status: 409, retryable: false },
  RATE_LIMITED: { status: 429, retryable: true },
  /** The test-token faucet exists on the coordinator's own local chain only. */
  FAUCET_UNAVAILABLE: { status: 409, retryable: false },
  /** This account was given test tokens a short while ago: try again later. */
  FAUCET_RATE_LIMITED: { status: 429, retryable: true },
  UNAVAILABLE: { status: 503, retryable: true },
  /** The coordinator lost its database (restart, failover); the answer carries Retry-After. */
  DATABASE_UNAVAILABLE: { status: 503, retryable: true },
  INTERNAL: { status: 500, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

/** A code from {@link errorCodes}. */
export type ErrorCode = keyof typeof errorCodes;
