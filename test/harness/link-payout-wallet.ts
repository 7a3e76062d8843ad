import type { Page } from 'playwright-core';
import type { PrivateKeyAccount } from 'viem/accounts';
import type { ExtensionBrowser } from './browser.ts';

/** The `eth_signTypedData_v4` JSON the options page shows for a payout link. */
interface PayoutLinkRequest {
  domain: { name: string; version: string; chainId: number; verifyingContract: `0x${string}` };
  types: Record<string, { name: string; type: string }[]>;
  primaryType: 'PayoutLink';
  message: { device: `0x${string}`; payout: `0x${string}`; nonce: number; issuedAt: number };
}

/** Reads the typed data the options page shows for `wallet`'s link. */
export async function readPayoutLinkRequest(
  options: Page,
  wallet: PrivateKeyAccount,
): Promise<PayoutLinkRequest> {
  await options.getByTestId('payout-address').fill(wallet.address);
  return JSON.parse(await options.getByTestId('payout-typed-data').inputValue());
}

/** What a wallet does with that JSON (`eth_signTypedData_v4`): the signature of it by `signer`. */
export function signPayoutLinkRequest(signer: PrivateKeyAccount, typed: PayoutLinkRequest) {
  const { EIP712Domain: _domain, ...types } = typed.types;
  return signer.signTypedData({
    domain: typed.domain,
    types,
    primaryType: typed.primaryType,
    message: {
      ...typed.message,
      nonce: BigInt(typed.message.nonce),
      issuedAt: BigInt(typed.message.issuedAt),
    },
  });
}

/**
 * Links a payout wallet to the extension's device from its options page, as a user does: paste
 * the wallet's address, sign the EIP-712 `PayoutLink` the page shows with that wallet
 * (`eth_signTypedData_v4`), paste the signature, click "Link wallet" (the page adds the device's
 * signature of the same link). The device must already be registered with the coordinator the
 * extension is set to. Resolves with the device's address once the page says it is linked.
 */
export async function linkPayoutWallet(
  browser: ExtensionBrowser,
  wallet: PrivateKeyAccount,
): Promise<`0x${string}`> {
  const options = await browser.openPage('options.html');
  try {
    const address = options.getByTestId('device-address').getByText(/^0x[0-9a-f]{40}$/);
    await address.waitFor();
    const device = (await address.textContent()) as `0x${string}`;
    // The coordinator's answer is in: the payout shown is the device's current one.
    await options.getByTestId('payout').waitFor();
    const typed = await readPayoutLinkRequest(options, wallet);
    if (typed.message.device !== device) {
      throw new Error(`The page asks to link ${typed.message.device}, not its device ${device}.`);
    }
    await options.getByTestId('payout-signature').fill(await signPayoutLinkRequest(wallet, typed));
    await options.getByTestId('payout-link').click();
    const message = options.getByTestId('payout-message');
    await message.waitFor();
    const text = (await message.textContent()) ?? '';
    if (!text.startsWith('Linked')) throw new Error(`Linking ${wallet.address} failed: ${text}`);
    return device;
  } finally {
    await options.close();
  }
}
