// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IPlazaShares} from "./interfaces/IPlazaShares.sol";
import {PlazaRegistry} from "./PlazaRegistry.sol";

/// @title PlazaShares
/// @notice Share claims: one Merkle claim per holder per version, never past the version's total.
/// @dev Shares live in the holder's single slot for the version ({Holder}), which also carries the
/// holder's vote window, so a vote writes a slot that is already non-zero.
abstract contract PlazaShares is PlazaRegistry, IPlazaShares {
    /// @dev One slot per holder per version. `voteTop` is the sequence number (within the version) of
    /// the newest proposal the holder voted on; bit `i` of `voteBits` is set when the holder voted on
    /// proposal `voteTop - i`. See {PlazaLicenses-_recordVote}.
    struct Holder {
        uint96 shares;
        uint32 voteTop;
        uint128 voteBits;
    }

    /// @dev Keyed by {_versionKey}.
    mapping(uint256 versionKey => mapping(address account => Holder)) internal _holders;

    /// @inheritdoc IPlazaShares
    function claimShares(
        uint64 datasetId,
        uint32 version,
        uint32 index,
        address account,
        uint96 amount,
        bytes32[] calldata proof
    ) external {
        uint256 key = _versionKey(datasetId, version);
        Version storage v = _versions[key];
        if (v.status != VersionStatus.Active) revert PlazaVersionNotActive(datasetId, version);
        _claim(v, _holders[key][account], datasetId, version, index, account, amount, proof);
    }

    /// @inheritdoc IPlazaShares
    function sharesOf(uint64 datasetId, uint32 version, address account) external view returns (uint96) {
        return _holders[_versionKey(datasetId, version)][account].shares;
    }

    /// @dev Verifies the leaf and records the claim. The caller has checked that the version is active.
    function _claim(
        Version storage v,
        Holder storage holder,
        uint64 datasetId,
        uint32 version,
        uint32 index,
        address account,
        uint96 amount,
        bytes32[] calldata proof
    ) internal {
        if (amount == 0) revert PlazaZeroShares();
        if (holder.shares != 0) revert PlazaSharesAlreadyClaimed(datasetId, version, account);
        bytes32 leaf = _leaf(datasetId, version, index, account, amount);
        if (!MerkleProof.verifyCalldata(proof, v.sharesRoot, leaf)) revert PlazaInvalidProof();
        uint96 claimed = v.claimedShares;
        uint96 total = v.totalShares;
        // `claimed <= total` always holds (this check is the only way `claimed` grows), so the
        // subtraction cannot underflow.
        if (amount > total - claimed) revert PlazaClaimExceedsTotal(datasetId, version, claimed, amount, total);
        // unchecked: `claimed + amount <= total`, which fits in 96 bits (checked just above).
        unchecked {
            v.claimedShares = claimed + amount;
        }
        holder.shares = amount;
        emit SharesClaimed(datasetId, version, account, index, amount);
    }

    /// @dev The StandardMerkleTree leaf:
    /// `keccak256(bytes.concat(keccak256(abi.encode(datasetId, version, index, account, amount))))`.
    /// Built in scratch memory past the free pointer, which is never advanced.
    function _leaf(uint64 datasetId, uint32 version, uint32 index, address account, uint96 amount)
        internal
        pure
        returns (bytes32 leaf)
    {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, datasetId)
            mstore(add(ptr, 0x20), version)
            mstore(add(ptr, 0x40), index)
            mstore(add(ptr, 0x60), account)
            mstore(add(ptr, 0x80), amount)
            mstore(0x00, keccak256(ptr, 0xa0))
            leaf := keccak256(0x00, 0x20)
        }
    }
}
