export * from './attribution-schemas.ts';
export * from './knn-shapley.ts';
export * from './verify-row-value.ts';
