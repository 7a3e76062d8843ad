import { BaseError, ChainMismatchError, ContractFunctionRevertedError } from 'viem';

/** A failed transaction as the UI shows it: the contract's error name (or a code) and a sentence. */
export interface TransactionErrorDescription {
  code: string;
  message: string;
}

/** What each contract error the governance pages can meet means, in words. */
const CONTRACT_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  PlazaAlreadyVoted: 'You have already voted on this proposal.',
  PlazaVotingClosed: 'Voting on this proposal has closed: it is decided or past its deadline.',
  PlazaVotingNotEnded: 'Voting is still open and undecided, so the proposal cannot be settled yet.',
  PlazaProposalSettled: 'This proposal has already been settled.',
  PlazaUnknownProposal: 'No proposal has this id.',
  PlazaNoShares: 'Your account holds no claimed shares in this version.',
  PlazaVoteOutsideWindow:
    'This proposal is more than 128 proposals older than the newest one you voted on.',
  PlazaSharesAlreadyClaimed: 'These shares have already been claimed.',
  PlazaInvalidProof: "The proof does not lead to the version's shares root.",
  PlazaClaimExceedsTotal: "The claim would take the claimed shares past the version's total.",
  PlazaZeroShares: 'The claim is for zero shares.',
  PlazaVersionNotActive: 'The version is not active (still in its timelock, or revoked).',
  PlazaUnknownDataset: 'No dataset has this id.',
  PlazaUnknownVersion: 'The dataset has no such version.',
  PlazaNothingToClaim: 'There is nothing to claim.',
  PlazaTokenNotAllowed: 'This dataset does not accept that payment token.',
  PlazaInvalidDuration: "The duration is zero or longer than the dataset's maximum.",
  PlazaPriceBelowReserve: "The price is below the dataset's reserve price.",
  PlazaEscrowTooLarge: 'The price is too large for the contract.',
  ERC20InsufficientBalance: 'Your token balance is below the amount.',
  ERC20InsufficientAllowance:
    'The Plaza contract may not take that much of your token: approve the amount first.',
  SafeERC20FailedOperation: 'The token transfer failed.',
  ReentrancyGuardReentrantCall: 'The contract refused a nested call.',
};

/**
 * Describes why a transaction failed. A revert names the contract's custom error (viem decodes it
 * from the ABI): the code is the error's name, e.g. `PlazaAlreadyVoted`. A declined request is
 * `WALLET_REJECTED`, a wallet on another chain `WRONG_CHAIN`, anything else `WALLET_FAILED`.
 *
 * @param step What was being done, for the sentence: "vote", "claim your shares" …
 */
export function describeTransactionError(
  error: unknown,
  step: string,
): TransactionErrorDescription {
  const revert =
    error instanceof BaseError
      ? error.walk((cause) => cause instanceof ContractFunctionRevertedError)
      : null;
  if (revert instanceof ContractFunctionRevertedError) {
    const name = revert.data?.errorName;
    if (name && name !== 'Error' && name !== 'Panic') {
      const meaning = CONTRACT_ERROR_MESSAGES[name] ?? `The contract refused to ${step}.`;
      return { code: name, message: meaning };
    }
    const detail = revert.reason ?? (revert.signature ? `error ${revert.signature}` : null);
    return {
      code: 'CONTRACT_REVERTED',
      message: detail
        ? `The contract refused to ${step}: ${detail}.`
        : `The contract refused to ${step}.`,
    };
  }
  if (isUserRejection(error)) {
    return {
      code: 'WALLET_REJECTED',
      message: `You declined the request to ${step} in your wallet.`,
    };
  }
  const mismatch =
    error instanceof BaseError ? error.walk((cause) => cause instanceof ChainMismatchError) : null;
  if (mismatch) {
    return {
      code: 'WRONG_CHAIN',
      message: `Your wallet is on another chain than Plaza's: switch it, then ${step} again.`,
    };
  }
  const detail =
    error instanceof BaseError
      ? error.shortMessage
      : error instanceof Error
        ? error.message
        : String(error);
  return { code: 'WALLET_FAILED', message: `Could not ${step}: ${detail}` };
}

/** EIP-1193 4001 (or viem's `UserRejectedRequestError`) anywhere in the cause chain. */
function isUserRejection(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (code === 4001 || name === 'UserRejectedRequestError') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
