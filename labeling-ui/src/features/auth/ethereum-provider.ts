/** An EIP-1193 provider, as wallets inject it at `window.ethereum`. */
export interface EthereumProvider {
  request(args: { method: string; params?: readonly unknown[] | object }): Promise<unknown>;
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
