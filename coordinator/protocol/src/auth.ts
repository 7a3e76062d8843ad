import { z } from 'zod';
import { addressSchema, walletSignatureSchema } from './primitives.ts';

/** What a signed-in account may do. Everyone signed in labels; reviewers and admins are configured. */
export const roleSchema = z.enum(['labeler', 'reviewer', 'admin']);
export type Role = z.output<typeof roleSchema>;

/** `POST /v1/auth/nonce`: a single-use nonce for a Sign-In with Ethereum (EIP-4361) message. */
export const authNonceResponseSchema = z.object({
  nonce: z.string().regex(/^[a-zA-Z0-9]{8,128}$/),
  /**
   * The SIWE message must name this domain and chain: the host of the coordinator's public URL
   * (`PLAZA_PUBLIC_URL`), whatever `Host` the request carried.
   */
  domain: z.string(),
  /**
   * The coordinator's public origin; the message's `uri` must be on it. Absent from coordinators
   * before the public URL existed.
   */
  uri: z.string().optional(),
  chainId: z.number().int(),
  /** ISO time after which the nonce is refused. */
  expiresAt: z.string(),
});
export type AuthNonceResponse = z.output<typeof authNonceResponseSchema>;

/**
 * `POST /v1/auth/siwe`: the EIP-4361 message and the wallet's `personal_sign` signature of it (a
 * key's, or a contract wallet's: ERC-1271, or ERC-6492 before it is deployed).
 */
export const signInRequestSchema = z.strictObject({
  message: z.string().min(1).max(4096),
  signature: walletSignatureSchema,
});
export type SignInRequest = z.input<typeof signInRequestSchema>;

/** A session: the bearer token is returned once, at sign-in. */
export const sessionSchema = z.object({
  address: addressSchema,
  roles: z.array(roleSchema),
  expiresAt: z.string(),
});
export type Session = z.output<typeof sessionSchema>;

export const signInResponseSchema = sessionSchema.extend({ token: z.string().min(32).max(128) });
export type SignInResponse = z.output<typeof signInResponseSchema>;
