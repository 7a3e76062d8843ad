import type { PrivateKeyAccount } from 'viem/accounts';
import type { ExtensionBrowser } from './browser.ts';

/**
 * Links a payout wallet to the extension's device from its options page, as a user does: paste
 * the wallet's address, sign the EIP-712 `PayoutLink` the page shows with that wallet
 * (`eth_signTypedData_v4`), paste the signature, click "Link wallet". The device must already be
 * registered with the coordinator the extension is set to. Resolves with the device's address once
 * the page says it is linked.
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
    await options.getByTestId('payout-address').fill(wallet.address);
    const typed = JSON.parse(await options.getByTestId('payout-typed-data').inputValue()) as {
      domain: { name: string; version: string; chainId: number; verifyingContract: `0x${string}` };
      types: Record<string, { name: string; type: string }[]>;
      primaryType: 'PayoutLink';
      message: { device: `0x${string}`; payout: `0x${string}`; nonce: number };
    };
    if (typed.message.device !== device) {
      throw new Error(`The page asks to link ${typed.message.device}, not its device ${device}.`);
    }
    const { EIP712Domain: _domain, ...types } = typed.types;
    const signature = await wallet.signTypedData({
      domain: typed.domain,
      types,
      primaryType: typed.primaryType,
      message: { ...typed.message, nonce: BigInt(typed.message.nonce) },
    });
    await options.getByTestId('payout-signature').fill(signature);
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
