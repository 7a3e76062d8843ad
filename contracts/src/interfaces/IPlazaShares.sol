// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IPlazaShares
/// @notice Non-transferable shares of a dataset version, claimed once per holder with a Merkle proof.
/// @dev Leaves use the OpenZeppelin StandardMerkleTree format with the encoding
/// `(uint64 datasetId, uint32 version, uint32 index, address account, uint96 amount)`, so a leaf
/// cannot be replayed in another dataset or version, and `index` keeps every leaf distinct.
interface IPlazaShares {
    /// @notice Emitted when a holder's shares are claimed.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param account The holder.
    /// @param index The leaf's index in the tree's value list.
    /// @param amount The shares claimed.
    event SharesClaimed(
        uint64 indexed datasetId, uint32 indexed version, address indexed account, uint32 index, uint96 amount
    );

    /// @notice The proof does not lead from the leaf to the version's shares root.
    error PlazaInvalidProof();

    /// @notice A leaf with a zero amount was given.
    error PlazaZeroShares();

    /// @notice The account has already claimed its shares in this version.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param account The account.
    error PlazaSharesAlreadyClaimed(uint64 datasetId, uint32 version, address account);

    /// @notice The version's claim period is over: its unclaimed shares' revenue goes to its sweep
    /// destination instead.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param deadline When claims closed.
    error PlazaClaimPeriodOver(uint64 datasetId, uint32 version, uint40 deadline);

    /// @notice The claim would take the claimed shares past the version's published total.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param claimedShares Shares already claimed.
    /// @param amount Shares in this claim.
    /// @param totalShares The published total.
    error PlazaClaimExceedsTotal(
        uint64 datasetId, uint32 version, uint96 claimedShares, uint96 amount, uint96 totalShares
    );

    /// @notice Claims an account's shares in an open version (timelock over, claim deadline not reached).
    /// Anyone may submit the claim; the shares always go to `account`.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param index The leaf's index.
    /// @param account The holder named in the leaf.
    /// @param amount The shares named in the leaf.
    /// @param proof The Merkle proof.
    function claimShares(
        uint64 datasetId,
        uint32 version,
        uint32 index,
        address account,
        uint96 amount,
        bytes32[] calldata proof
    ) external;

    /// @notice An account's claimed shares in a version.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param account The account.
    /// @return The shares (0 when not claimed).
    function sharesOf(uint64 datasetId, uint32 version, address account) external view returns (uint96);
}
