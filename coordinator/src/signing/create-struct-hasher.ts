import { createKeccak } from 'hash-wasm';

/** An EIP-712 struct definition, as `@plaza/protocol`'s typed-data constants write them. */
export type TypedFields = readonly { readonly name: string; readonly type: string }[];

/** A struct's values by field name (numbers may be `number` or `bigint`). */
export type StructValues = Readonly<Record<string, unknown>>;

/** Hashes one struct: `hashStruct` of EIP-712, synchronous once created. */
export type StructHasher = (values: StructValues) => `0x${string}`;

type Hasher = Awaited<ReturnType<typeof createKeccak>>;
type FieldEncoder = (value: unknown, out: Uint8Array, at: number, keccak: Hasher) => void;

/**
 * Builds EIP-712's `hashStruct` for one struct type from its definition: the type hash is
 * computed once, each field gets an encoder chosen by its type, and keccak256 runs in
 * WebAssembly (hash-wasm). It gives the same hashes as viem's `hashStruct` (the test compares
 * them on random values) about ten times faster, which matters on the ingest path, where every
 * contribution and receipt is hashed. Supports the atomic and dynamic types Plaza signs
 * (`string`, `bytes`, `bytesN`, `address`, `bool`, `uintN`, `intN`); arrays and nested structs
 * are refused. Values are trusted: they passed the wire schemas.
 *
 * @throws Error when the struct uses a type it does not support.
 * @example
 * const hashContribution = await createStructHasher(contributionTypes, 'Contribution');
 * hashContribution(item); // '0x…', as hashStruct({ types, primaryType, data: item })
 */
export async function createStructHasher<T extends Readonly<Record<string, TypedFields>>>(
  types: T,
  primaryType: keyof T & string,
): Promise<StructHasher> {
  const fields = types[primaryType]!;
  const encoders = fields.map((field) => encoderOf(field.type, `${primaryType}.${field.name}`));
  const keccak = await createKeccak(256);
  const encodedType = `${primaryType}(${fields.map((f) => `${f.type} ${f.name}`).join(',')})`;
  const typeHash = keccak.init().update(encodedType).digest('binary');
  const size = 32 * (fields.length + 1);
  return (values) => {
    const out = new Uint8Array(size);
    out.set(typeHash, 0);
    for (let i = 0; i < fields.length; i++) {
      encoders[i]!(values[fields[i]!.name], out, 32 * (i + 1), keccak);
    }
    return `0x${keccak.init().update(out).digest('hex')}`;
  };
}

function encoderOf(type: string, where: string): FieldEncoder {
  if (type === 'string') {
    return (value, out, at, keccak) => {
      out.set(keccak.init().update(String(value)).digest('binary'), at);
    };
  }
  if (type === 'bytes') {
    return (value, out, at, keccak) => {
      out.set(
        keccak
          .init()
          .update(hexBytes(String(value)))
          .digest('binary'),
        at,
      );
    };
  }
  if (type === 'address') return (value, out, at) => out.set(hexBytes(String(value)), at + 12);
  if (type === 'bool') {
    return (value, out, at) => {
      out[at + 31] = value ? 1 : 0;
    };
  }
  const fixedBytes = /^bytes([1-9]|[12][0-9]|3[0-2])$/.exec(type);
  if (fixedBytes) return (value, out, at) => out.set(hexBytes(String(value)), at);
  const integer =
    /^(u?)int(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)$/.exec(
      type,
    );
  if (integer) return (value, out, at) => writeWord(value as number | bigint, out, at);
  throw new Error(`${where}: EIP-712 type ${type} is not supported by the fast hasher.`);
}

function hexBytes(hex: string): Uint8Array {
  return Buffer.from(hex.startsWith('0x') ? hex.slice(2) : hex, 'hex');
}

/** A 256-bit two's-complement big-endian word. */
function writeWord(value: number | bigint, out: Uint8Array, at: number): void {
  if (typeof value === 'number' && value >= 0 && Number.isSafeInteger(value)) {
    // Most values (statuses, timestamps) are small: no BigInt needed.
    for (let i = 31, rest = value; rest > 0; i--, rest = Math.floor(rest / 256)) {
      out[at + i] = rest % 256;
    }
    return;
  }
  let word = BigInt.asUintN(256, BigInt(value));
  for (let i = 31; i >= 0 && word > 0n; i--) {
    out[at + i] = Number(word & 0xffn);
    word >>= 8n;
  }
}
