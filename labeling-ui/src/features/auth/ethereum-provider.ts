/** An EIP-1193 provider, as wallets inject it at `window.ethereum`. */
export interface EthereumProvider {
  request(args: { method: string; params?: readonly unknown[] | object }): Promise<unknown>;
  /** EIP-1193 events (`accountsChanged`, `chainChanged`); optional, as some wallets lack them. */
  on?(event: string, listener: (...args: unknown[]) => void): void;
  removeListener?(event: string, listener: (...args: unknown[]) => void): void;
}

declare global {
  interface Window {
    /** Injected by a browser wallet (EIP-1193); absent without one. */
    ethereum?: EthereumProvider;
  }
}

/** The injected wallet, if there is one. */
export function getInjectedProvider(target: Window = window): EthereumProvider | null {
  const provider = target.ethereum;
  return provider && typeof provider.request === 'function' ? provider : null;
}
