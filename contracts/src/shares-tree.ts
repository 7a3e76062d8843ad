import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { createKeccak } from 'hash-wasm';
import { type Address, bytesToHex, type Hex, hexToBytes, keccak256 } from 'viem';

/**
 * ABI types of a shares leaf, in the order the contract hashes them:
 * `keccak256(bytes.concat(keccak256(abi.encode(datasetId, version, index, account, amount))))`.
 */
export const sharesLeafEncoding = ['uint64', 'uint32', 'uint32', 'address', 'uint96'] as const;

/** A leaf's values: `[datasetId, version, index, account, amount]`. */
export type SharesLeaf = readonly [
  datasetId: bigint,
  version: bigint,
  index: bigint,
  account: Address,
  amount: bigint,
];

/** A leaf as stored in a StandardMerkleTree dump (decimal strings, so it survives JSON). */
export type SharesLeafJson = [string, string, string, Address, string];

/** OpenZeppelin's `standard-v1` dump of a shares tree (what `StandardMerkleTree.load` reads). */
export interface SharesTreeDump {
  format: 'standard-v1';
  leafEncoding: string[];
  tree: Hex[];
  values: { value: SharesLeafJson; treeIndex: number }[];
}

/** One holder of a version: who (any case; leaves carry it lowercased) and how many shares. */
export interface ShareHolder {
  account: Address;
  amount: bigint;
}

/** Input of {@link buildSharesTree}. */
export interface BuildSharesTreeParams {
  datasetId: bigint;
  version: bigint;
  /** One entry per account; a holder's `index` in the tree is its position here. */
  holders: readonly ShareHolder[];
}

/** A built shares tree: what the publisher publishes and what holders claim with. */
export interface SharesTree {
  /** The root to publish with `proposeVersion`. */
  root: Hex;
  /** The total to publish: the sum of every amount. */
  totalShares: bigint;
  /** Leaves in holder order (`leaves[i][2] === BigInt(i)`). */
  leaves: readonly SharesLeaf[];
  /** The proof for the holder at `index`, as `claimShares` expects it. */
  getProof(index: number): Hex[];
  /** The index of an account's leaf, or undefined. */
  indexOf(account: Address): number | undefined;
  /** The tree in OpenZeppelin's `standard-v1` dump format (load it with `StandardMerkleTree.load`). */
  dump(): SharesTreeDump;
}

/** Thrown when holders cannot make a valid tree. */
export class SharesTreeInputError extends Error {
  readonly code = 'SHARES_TREE_INVALID_INPUT';
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'SharesTreeInputError';
  }
}

const MAX_UINT96 = (1n << 96n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_UINT32 = (1n << 32n) - 1n;

const addressPattern = /^0x[0-9a-fA-F]{40}$/;

function writeUint(buffer: Uint8Array, offset: number, value: bigint): void {
  let v = value;
  for (let i = offset + 31; i >= offset && v > 0n; i--) {
    buffer[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** `abi.encode(datasetId, version, index, account, amount)`. */
export function encodeSharesLeaf(leaf: SharesLeaf): Uint8Array {
  const encoded = new Uint8Array(160);
  writeUint(encoded, 0, leaf[0]);
  writeUint(encoded, 32, leaf[1]);
  writeUint(encoded, 64, leaf[2]);
  encoded.set(hexToBytes(leaf[3]), 96 + 12);
  writeUint(encoded, 128, leaf[4]);
  return encoded;
}

/** The double-hashed leaf, computed the way the contract does. */
export function sharesLeafHash(leaf: SharesLeaf): Hex {
  return keccak256(keccak256(encodeSharesLeaf(leaf), 'bytes'));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Builds the shares tree of one version in OpenZeppelin's StandardMerkleTree format (leaves sorted by
 * hash, nodes hashed as sorted pairs, the same layout and proofs as `StandardMerkleTree.of`), with a
 * fast path that builds 100,000 leaves in about a second where the library takes tens of seconds.
 *
 * @example
 * const tree = await buildSharesTree({ datasetId: 1n, version: 1n, holders: [{ account, amount: 10n }] });
 * await plaza.write.proposeVersion([1n, tree.root, tree.totalShares, manifestHash, uri]);
 * await plaza.write.claimShares([1n, 1, 0, account, 10n, tree.getProof(0)]);
 */
export async function buildSharesTree(params: BuildSharesTreeParams): Promise<SharesTree> {
  const { leaves, totalShares, indexByAccount } = checkSharesLeaves(params);
  const { nodes, treeIndexOf } = await hashSharesTree(leaves);
  return {
    root: bytesToHex(nodes[0] as Uint8Array),
    totalShares,
    leaves,
    getProof: (index) => proofOf(nodes, treeIndexOf, index),
    indexOf: (account) => indexByAccount.get(account.toLowerCase()),
    dump: () => dumpSharesTree(leaves, nodes, treeIndexOf),
  };
}

/**
 * The leaves of `params` in holder order (accounts lowercased), their total, and each account's
 * index; throws {@link SharesTreeInputError} for anything the contract's types cannot hold, a
 * malformed or repeated account, or a non-positive amount.
 */
function checkSharesLeaves(params: BuildSharesTreeParams): {
  leaves: SharesLeaf[];
  totalShares: bigint;
  indexByAccount: Map<string, number>;
} {
  const { datasetId, version, holders } = params;
  if (datasetId < 1n || datasetId > MAX_UINT64) {
    throw new SharesTreeInputError(`datasetId ${datasetId} is outside 1..2^64-1`);
  }
  if (version < 1n || version > MAX_UINT32) {
    throw new SharesTreeInputError(`version ${version} is outside 1..2^32-1`);
  }
  if (holders.length === 0)
    throw new SharesTreeInputError('a shares tree needs at least one holder');
  if (BigInt(holders.length) > MAX_UINT32) {
    throw new SharesTreeInputError(`${holders.length} holders exceed 2^32-1`);
  }
  const seen = new Map<string, number>();
  const leaves: SharesLeaf[] = [];
  let totalShares = 0n;
  for (const [i, holder] of holders.entries()) {
    if (!addressPattern.test(holder.account)) {
      throw new SharesTreeInputError(`account ${holder.account} at index ${i} is not an address`);
    }
    const account = holder.account.toLowerCase() as Address;
    if (seen.has(account)) {
      throw new SharesTreeInputError(
        `account ${account} appears twice (indexes ${seen.get(account)} and ${i})`,
      );
    }
    seen.set(account, i);
    if (holder.amount <= 0n || holder.amount > MAX_UINT96) {
      throw new SharesTreeInputError(`amount ${holder.amount} of ${account} is outside 1..2^96-1`);
    }
    totalShares += holder.amount;
    leaves.push([datasetId, version, BigInt(i), account, holder.amount]);
  }
  if (totalShares > MAX_UINT96) {
    throw new SharesTreeInputError(`total shares ${totalShares} exceed 2^96-1`);
  }
  return { leaves, totalShares, indexByAccount: seen };
}

/**
 * The tree's nodes in StandardMerkleTree's layout (root at 0, leaves sorted by hash at the end,
 * each inner node the hash of its sorted children) and where each value's leaf lies.
 */
async function hashSharesTree(
  leaves: readonly SharesLeaf[],
): Promise<{ nodes: Uint8Array[]; treeIndexOf: Uint32Array }> {
  const keccak = await createKeccak(256);
  const hash = (data: Uint8Array): Uint8Array => {
    keccak.init();
    keccak.update(data);
    return keccak.digest('binary');
  };
  const n = leaves.length;
  const hashes = leaves.map((leaf, valueIndex) => ({
    hash: hash(hash(encodeSharesLeaf(leaf))),
    valueIndex,
  }));
  hashes.sort((a, b) => compareBytes(a.hash, b.hash));
  const size = 2 * n - 1;
  const nodes = new Array<Uint8Array>(size);
  const treeIndexOf = new Uint32Array(n);
  for (const [position, { hash: leafHash, valueIndex }] of hashes.entries()) {
    nodes[size - 1 - position] = leafHash;
    treeIndexOf[valueIndex] = size - 1 - position;
  }
  const pair = new Uint8Array(64);
  for (let i = size - 1 - n; i >= 0; i--) {
    const left = nodes[2 * i + 1] as Uint8Array;
    const right = nodes[2 * i + 2] as Uint8Array;
    const [lo, hi] = compareBytes(left, right) <= 0 ? [left, right] : [right, left];
    pair.set(lo, 0);
    pair.set(hi, 32);
    nodes[i] = hash(pair);
  }
  return { nodes, treeIndexOf };
}

/** The sibling hashes from the leaf of value `index` up to the root. */
function proofOf(nodes: readonly Uint8Array[], treeIndexOf: Uint32Array, index: number): Hex[] {
  let node = treeIndexOf[index];
  if (node === undefined || !Number.isInteger(index)) {
    throw new SharesTreeInputError(`no leaf at index ${index} (tree has ${treeIndexOf.length})`);
  }
  const proof: Hex[] = [];
  while (node > 0) {
    const sibling = node % 2 === 1 ? node + 1 : node - 1;
    proof.push(bytesToHex(nodes[sibling] as Uint8Array));
    node = Math.floor((node - 1) / 2);
  }
  return proof;
}

/** The tree in OpenZeppelin's `standard-v1` dump format. */
function dumpSharesTree(
  leaves: readonly SharesLeaf[],
  nodes: readonly Uint8Array[],
  treeIndexOf: Uint32Array,
): SharesTreeDump {
  return {
    format: 'standard-v1',
    leafEncoding: [...sharesLeafEncoding],
    tree: nodes.map((node) => bytesToHex(node)),
    values: leaves.map((leaf, i) => ({
      value: [
        leaf[0].toString(),
        leaf[1].toString(),
        leaf[2].toString(),
        leaf[3],
        leaf[4].toString(),
      ],
      treeIndex: treeIndexOf[i] as number,
    })),
  };
}

/**
 * The same tree through OpenZeppelin's library (`StandardMerkleTree.of`): slow past ~10,000 leaves,
 * but the reference that {@link buildSharesTree} is tested against.
 */
export function buildSharesTreeWithLibrary(
  params: BuildSharesTreeParams,
): StandardMerkleTree<SharesLeafJson> {
  const values = params.holders.map(
    (holder, i): SharesLeafJson => [
      params.datasetId.toString(),
      params.version.toString(),
      i.toString(),
      holder.account.toLowerCase() as Address,
      holder.amount.toString(),
    ],
  );
  return StandardMerkleTree.of(values, [...sharesLeafEncoding]);
}

/** Checks a proof for a leaf against a root with OpenZeppelin's library. */
export function verifySharesProof(root: Hex, leaf: SharesLeaf, proof: readonly Hex[]): boolean {
  const value: SharesLeafJson = [
    leaf[0].toString(),
    leaf[1].toString(),
    leaf[2].toString(),
    leaf[3],
    leaf[4].toString(),
  ];
  return StandardMerkleTree.verify(root, [...sharesLeafEncoding], value, [...proof]);
}
