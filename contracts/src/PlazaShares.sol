// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IPlazaShares} from "./interfaces/IPlazaShares.sol";
import {PlazaRegistry} from "./PlazaRegistry.sol";

/// @title PlazaShares
/// @notice Share claims: one Merkle claim per holder per version, never past the version's total, from
/// the end of the version's timelock until its claim deadline.
/// @dev Shares live in the holder's single slot for the version ({Holder}), which also carries the
/// holder's votes on the version's first proposals, so such a vote writes a slot that is already non-zero.
abstract contract PlazaShares is PlazaRegistry, IPlazaShares {
    /// @dev One slot per holder per version. Bit `s - 1` of `votes` is set once the holder voted on the
    /// version's proposal with sequence number `s`, for `s` up to {_SLOT_VOTES}; later proposals are
    /// recorded in {_voteWords}. See {PlazaLicenses-_recordVote}.
    struct Holder {
        uint96 shares;
        uint160 votes;
    }

    /// @dev Proposals of a version whose votes are recorded in the holder's slot.
    uint256 internal constant _SLOT_VOTES = 160;

    /// @dev Votes on proposals past the first {_SLOT_VOTES} of a version: bit `i % 256` of word
    /// `i / 256` is set once the holder voted on the proposal with sequence number `_SLOT_VOTES + 1 + i`.
    mapping(uint256 versionKey => mapping(address account => mapping(uint256 word => uint256))) internal
        _voteWords;

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
        if (!_isOpen(v)) revert PlazaVersionNotActive(datasetId, version);
        _claim(v, _holders[key][account], datasetId, version, index, account, amount, proof);
    }

    /// @inheritdoc IPlazaShares
    function sharesOf(uint64 datasetId, uint32 version, address account) external view returns (uint96) {
        return _holders[_versionKey(datasetId, version)][account].shares;
    }

    /// @dev Verifies the leaf and records the claim before the claim deadline. The caller has checked
    /// that the version is open.
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
        uint40 deadline = _claimDeadline(v);
        if (block.timestamp >= deadline) revert PlazaClaimPeriodOver(datasetId, version, deadline);
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
