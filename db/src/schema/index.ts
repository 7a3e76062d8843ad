export * from './auth.ts';
export * from './campaigns.ts';
export * from './contributions.ts';
export * from './devices.ts';
export * from './frontier.ts';
export * from './hosts.ts';
export * from './labeling.ts';
export * from './leases.ts';
