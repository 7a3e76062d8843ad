import { type HDAccount, mnemonicToAccount } from 'viem/accounts';

/** The mnemonic anvil funds its default accounts from (public; for local chains only). */
export const anvilMnemonic = 'test test test test test test test test test test test junk';

/** Anvil's first default private key (public; for local chains only). */
export const anvilDeployerPrivateKey =
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const;

/** Anvil's default account number `index` (0–9 are funded with 10,000 ETH). */
export function anvilAccount(index: number): HDAccount {
  return mnemonicToAccount(anvilMnemonic, { addressIndex: index });
}
