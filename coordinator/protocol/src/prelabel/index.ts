export * from './feature-spec.ts';
export * from './hash-prediction.ts';
export * from './hashed-features.ts';
export * from './model-input.ts';
export * from './prelabel-batch-typed-data.ts';
export * from './prelabel-schemas.ts';
export * from './quantize-probs.ts';
export * from './to-dense-rows.ts';
