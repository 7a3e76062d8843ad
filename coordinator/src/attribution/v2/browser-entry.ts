/**
 * What a browser bundle of rule v2 exposes (`globalThis.plazaRuleV2`), so that the same code can
 * be run in Chromium and its digest compared with Node's (the determinism test and the bench).
 */
export { valueRowsDigest } from './values-digest.ts';
