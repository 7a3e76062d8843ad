import { CoordinatorError, readAnswer } from '@plaza/protocol';
import { z } from 'zod';

const faucetAnswerSchema = z.object({
  token: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  amount: z.string().regex(/^\d{1,78}$/),
  txHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
  nextDripAt: z.string().max(40),
});

/** What the faucet gave. */
export type FaucetAnswer = z.output<typeof faucetAnswerSchema>;

/**
 * `POST /v1/chain/faucet` with the session's token: the local chain's test stablecoin (and gas) for
 * the signed-in account. Refusals throw a `CoordinatorError` with the coordinator's code
 * (`FAUCET_UNAVAILABLE`, `FAUCET_RATE_LIMITED`, `SESSION_INVALID`).
 */
export async function requestFaucet(params: {
  baseUrl: string;
  sessionToken: string;
  fetch?: typeof fetch;
}): Promise<FaucetAnswer> {
  const send = params.fetch ?? fetch;
  let response: Response;
  try {
    response = await send(new URL('/v1/chain/faucet', params.baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${params.sessionToken}` },
    });
  } catch (cause) {
    throw new CoordinatorError(
      'NETWORK',
      'The coordinator could not be reached.',
      0,
      true,
      undefined,
      {
        cause,
      },
    );
  }
  return readAnswer(response, faucetAnswerSchema, 'POST /v1/chain/faucet');
}
