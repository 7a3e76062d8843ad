export * from './normalize-percent-encoding.ts';
export * from './parse-robots.ts';
