import type { z } from 'zod';
import type { FuzzWorld } from './fuzz-world.ts';

/** Who a fuzzed request speaks as. */
export type AuthKind = 'none' | 'admin' | 'device' | 'labeler' | 'reviewer' | 'disposable';

/** How to fuzz one route: its real inputs, from which the fuzzer starts. */
export interface RouteSpec {
  /** The credentials the route wants (others are tried too). */
  auth: AuthKind;
  /** The route ends the session it is called with: it only ever gets disposable sessions. */
  endsSession?: boolean;
  /** Valid values of each path parameter. */
  params?: (w: FuzzWorld) => Record<string, string[]>;
  /** Valid query strings, as objects. */
  queries?: (w: FuzzWorld) => Record<string, string>[];
  /** Valid bodies (or, for signed ones, bodies signed wrongly as well), as JSON values. */
  bodies?: (w: FuzzWorld) => Promise<unknown[]> | unknown[];
  /** The protocol schema the first body follows; the test checks that it parses. */
  schema?: z.ZodType;
  /**
   * Signs a mutated body again the way the real client would, so that mutations get past the
   * signature check into the validation behind it. Throws when the body cannot be signed.
   */
  resign?: (w: FuzzWorld, body: unknown) => Promise<unknown>;
}

/** A classification label value. */
export const cls = (c: number) => ({ kind: 'classification', class: c });

/** A fuzzed body, read as an object (fields are checked before use). */
export const asRecord = (body: unknown) => body as Record<string, unknown>;
