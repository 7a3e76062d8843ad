/** Every route of the coordinator's API, relative to its base URL. */
export const routes = {
  coordinator: '/v1/coordinator',
  status: '/v1/status',
  devices: '/v1/devices',
  device: (address: string) => `/v1/devices/${address}`,
  devicePayout: (address: string) => `/v1/devices/${address}/payout`,
  campaigns: '/v1/campaigns',
  campaign: (id: string) => `/v1/campaigns/${id}`,
  campaignUrls: (id: string) => `/v1/campaigns/${id}/urls`,
  leases: '/v1/leases',
  contributions: '/v1/contributions',
  health: '/healthz',
  metrics: '/metrics',
} as const;
