/** The addresses, amounts and hashes the governance fixtures and fakes share. */

export const PLAZA = '0x5fbdb2315678afecb367f032d93f642f64180aa3' as const;
export const TUSD = '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512' as const;
export const PUBLISHER = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266' as const;
/** The connected holder in the tests (anvil's account 1). */
export const HOLDER = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8' as const;
export const HOLDER_2 = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc' as const;
export const HOLDER_3 = '0x90f79bf6eb2c4f870365e785982e1f101e93b906' as const;
export const BUYER = '0x15d34aaf54267db7d7c367839aaf71a00a2c6a65' as const;

export const TOTAL_SHARES = 1_000_000n;
/** A 32-byte hex value made of `n` (transaction and terms hashes in the fixtures). */
export const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as `0x${string}`;
