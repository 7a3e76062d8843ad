/** A model's files, checked against its content hash. */
export interface ModelArtifactsBytes {
  modelJson: string;
  weights: Uint8Array;
}

/**
 * Downloads a model's `model.json` and its `weights.bin` (beside it) and checks that
 * sha256(model.json ‖ weights) is the hash the lease named: a model is only ever run as the
 * version the device signs for. The coordinator serves them immutable, so the browser's HTTP
 * cache keeps them between sessions.
 */
export async function fetchModelArtifacts(
  modelUrl: string,
  hash: string,
  doFetch: typeof fetch = fetch,
): Promise<ModelArtifactsBytes> {
  const get = async (url: string) => {
    const response = await doFetch(url, { credentials: 'omit' });
    if (!response.ok) throw new Error(`${url} answered ${response.status}.`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const [jsonBytes, weights] = await Promise.all([
    get(modelUrl),
    get(new URL('weights.bin', modelUrl).href),
  ]);
  const joined = new Uint8Array(jsonBytes.length + weights.length);
  joined.set(jsonBytes, 0);
  joined.set(weights, jsonBytes.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
  const actual = `0x${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  if (actual !== hash) throw new Error(`Model ${hash} downloaded as ${actual}: refused.`);
  return { modelJson: new TextDecoder().decode(jsonBytes), weights };
}
