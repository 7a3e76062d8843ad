/** Where the coordinator is, how to reach it, and the credentials calls may send. */
export interface CoordinatorClientOptions {
  /** e.g. `http://127.0.0.1:8787` */
  baseUrl: string;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** The device's bearer token, for leases and contributions. */
  deviceToken?: string;
  /** The operator's admin key, for campaign administration. */
  adminKey?: string;
  /** A signed-in account's session token (labeling, review, and admin for admin accounts). */
  sessionToken?: string;
}
