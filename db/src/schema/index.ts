export * from './campaigns.ts';
export * from './contributions.ts';
export * from './devices.ts';
export * from './frontier.ts';
export * from './hosts.ts';
export * from './leases.ts';
