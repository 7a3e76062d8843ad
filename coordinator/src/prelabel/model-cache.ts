import { type FeatureSpec, featureSpecSchema } from '@plaza/protocol';
import type { LayersModel } from '@tensorflow/tfjs';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { loadModel } from './load-model.ts';
import { loadTf } from './load-tf.ts';

/** A published model loaded into tfjs, for recomputing devices' outputs. */
export interface LoadedModel {
  hash: string;
  model: LayersModel;
  features: FeatureSpec;
  classes: string[];
}

/** Loaded models by hash; a cache (versions never change), never the source of truth. */
export interface ModelCache {
  get(deps: Pick<Deps, 'db'>, hash: string): Promise<LoadedModel>;
}

/**
 * Keeps the `size` most recently used models loaded. A model is read from `prelabel_models`
 * (`MODEL_NOT_FOUND` when absent) and loaded with tfjs on first use.
 */
export function createModelCache(size = 4): ModelCache {
  const loaded = new Map<string, Promise<LoadedModel>>();
  return {
    get(deps, hash) {
      let entry = loaded.get(hash);
      if (entry) {
        loaded.delete(hash);
        loaded.set(hash, entry);
        return entry;
      }
      entry = (async () => {
        const [row] = await deps.db.rows<{
          model_json: string;
          weights: Uint8Array;
          features: unknown;
          classes: string[];
        }>(
          sql`select model_json, weights, features, classes from prelabel_models
              where hash = ${hash}`,
        );
        if (!row) throw new AppError('MODEL_NOT_FOUND', `No model ${hash}.`);
        const tf = await loadTf();
        const weights = new Uint8Array(row.weights);
        return {
          hash,
          model: await loadModel(tf, row.model_json, weights),
          features: featureSpecSchema.parse(row.features),
          classes: row.classes,
        };
      })();
      entry.catch(() => loaded.delete(hash));
      loaded.set(hash, entry);
      while (loaded.size > size) {
        const oldest = loaded.keys().next().value as string;
        const evicted = loaded.get(oldest);
        loaded.delete(oldest);
        void evicted?.then((m) => m.model.dispose()).catch(() => {});
      }
      return entry;
    },
  };
}
