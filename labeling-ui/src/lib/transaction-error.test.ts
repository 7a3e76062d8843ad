import { plazaAbi } from '@plaza/contracts/abis/plaza';
import {
  BaseError,
  ChainMismatchError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  UserRejectedRequestError,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { describeTransactionError } from './transaction-error.ts';

const VOTER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

/** The error viem throws when a simulated call reverts with `data`. */
function reverted(data: `0x${string}`, functionName = 'vote', args: unknown[] = [3n, true]) {
  const revert = new ContractFunctionRevertedError({ abi: plazaAbi, data, functionName });
  return new ContractFunctionExecutionError(revert, { abi: plazaAbi, functionName, args });
}

describe('describeTransactionError', () => {
  it("names the contract's custom error, decoded from the ABI", () => {
    const data = encodeErrorResult({
      abi: plazaAbi,
      errorName: 'PlazaAlreadyVoted',
      args: [3n, VOTER],
    });
    expect(describeTransactionError(reverted(data), 'vote')).toEqual({
      code: 'PlazaAlreadyVoted',
      message: 'You have already voted on this proposal.',
    });
  });

  it('still names an error it has no sentence for', () => {
    const data = encodeErrorResult({ abi: plazaAbi, errorName: 'PlazaNotGuardian', args: [VOTER] });
    expect(describeTransactionError(reverted(data, 'revokeVersion', [1n, 1]), 'revoke')).toEqual({
      code: 'PlazaNotGuardian',
      message: 'The contract refused to revoke.',
    });
  });

  it('says when the revert cannot be decoded', () => {
    const error = describeTransactionError(reverted('0xdeadbeef', 'settle', [3n]), 'settle');
    expect(error.code).toBe('CONTRACT_REVERTED');
    expect(error.message).toContain('0xdeadbeef');
  });

  it('tells a declined request from a failure', () => {
    const declined = new UserRejectedRequestError(new Error('User rejected the request.'));
    expect(describeTransactionError(declined, 'vote').code).toBe('WALLET_REJECTED');
    const raw = Object.assign(new Error('User denied'), { code: 4001 });
    expect(describeTransactionError(raw, 'vote')).toEqual({
      code: 'WALLET_REJECTED',
      message: 'You declined the request to vote in your wallet.',
    });
  });

  it('asks to switch chains on a chain mismatch', () => {
    const error = new ChainMismatchError({
      chain: { id: 31337, name: 'anvil' } as never,
      currentChainId: 1,
    });
    expect(describeTransactionError(error, 'vote').code).toBe('WRONG_CHAIN');
  });

  it('passes any other failure on with its short message', () => {
    const error = new BaseError('The RPC is down.');
    expect(describeTransactionError(error, 'settle')).toEqual({
      code: 'WALLET_FAILED',
      message: 'Could not settle: The RPC is down.',
    });
  });
});
