/** A wallet problem, with a code the UI shows. */
export class WalletError extends Error {
  override readonly name: string = 'WalletError';
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** No EIP-1193 wallet is installed in this browser. */
export class WalletMissingError extends WalletError {
  override readonly name = 'WalletMissingError';
  constructor() {
    super(
      'WALLET_MISSING',
      'No Ethereum wallet was found in this browser. Install one (for example MetaMask or Rabby) and reload.',
    );
  }
}

/** The user said no in the wallet (EIP-1193 code 4001). */
export class WalletRejectedError extends WalletError {
  override readonly name = 'WalletRejectedError';
  constructor(step: string, options?: { cause?: unknown }) {
    super('WALLET_REJECTED', `You declined the request to ${step} in your wallet.`, options);
  }
}

/** The wallet already has a request of this site waiting (EIP-1193 code -32002). */
export class WalletPendingError extends WalletError {
  override readonly name = 'WalletPendingError';
  constructor(options?: { cause?: unknown }) {
    super(
      'WALLET_PENDING',
      'Your wallet already has a request from Plaza waiting: open the wallet to answer it.',
      options,
    );
  }
}

/**
 * The page is not on the coordinator's public origin, where sign-in messages must point: signing
 * here would be refused, so the wallet is not asked.
 */
export class WrongOriginError extends WalletError {
  override readonly name = 'WrongOriginError';
  constructor(origin: string, publicUrl: string) {
    super(
      'WRONG_ORIGIN',
      `This coordinator signs people in at ${publicUrl}, and this page is ${origin}: open Plaza at ${publicUrl}.`,
    );
  }
}

/** Any other wallet failure. */
export class WalletFailedError extends WalletError {
  override readonly name = 'WalletFailedError';
  constructor(step: string, detail: string, options?: { cause?: unknown }) {
    super('WALLET_FAILED', `The wallet could not ${step}: ${detail}`, options);
  }
}

/** Maps a wallet's thrown error (raw EIP-1193 or wrapped by viem) to a {@link WalletError}. */
export function toWalletError(cause: unknown, step: string): WalletError {
  if (cause instanceof WalletError) return cause;
  const code = findCode(cause);
  if (code === 4001) return new WalletRejectedError(step, { cause });
  if (code === -32002) return new WalletPendingError({ cause });
  const detail =
    cause instanceof Error
      ? ((cause as { shortMessage?: string }).shortMessage ?? cause.message)
      : String(cause);
  return new WalletFailedError(step, detail, { cause });
}

/** The EIP-1193 code of an error or of any error in its `cause` chain. */
function findCode(error: unknown): number | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
