// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IPlazaRevenue
/// @notice License revenue, credited in O(1) to a per-(version, token) revenue-per-share accumulator
/// (Q128 fixed point) and pulled by holders; plus credits (protocol fees, refunds that could not be
/// pushed) that their owner withdraws.
interface IPlazaRevenue {
    /// @notice A version to claim revenue from.
    /// @param datasetId The dataset.
    /// @param version The version.
    struct VersionRef {
        uint64 datasetId;
        uint32 version;
    }

    /// @notice Emitted when a holder pulls revenue from one version.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param account The holder (and recipient).
    /// @param token The token paid.
    /// @param amount The amount paid.
    event RevenueClaimed(
        uint64 indexed datasetId, uint32 indexed version, address indexed account, address token, uint256 amount
    );

    /// @notice Emitted when an account is credited (a protocol fee, or a refund that could not be pushed).
    /// @param account The account credited.
    /// @param token The token.
    /// @param amount The amount added.
    event CreditAccrued(address indexed account, address indexed token, uint256 amount);

    /// @notice Emitted when an account withdraws its credit.
    /// @param account The account (and recipient).
    /// @param token The token.
    /// @param amount The amount paid.
    event CreditWithdrawn(address indexed account, address indexed token, uint256 amount);

    /// @notice Emitted when revenue owed to a version's unclaimed shares is swept after its claim deadline.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param token The token.
    /// @param to The version's sweep destination.
    /// @param amount The amount sent.
    event UnclaimedRevenueSwept(
        uint64 indexed datasetId, uint32 indexed version, address indexed token, address to, uint256 amount
    );

    /// @notice There is nothing to pay out.
    error PlazaNothingToClaim();

    /// @notice The version's claim period is still running, so its unclaimed shares may yet be claimed.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param deadline When claims close.
    error PlazaClaimPeriodNotOver(uint64 datasetId, uint32 version, uint40 deadline);

    /// @notice Pays the caller the revenue it is owed by one version in one token.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param token The token.
    /// @return amount The amount paid.
    function claimRevenue(uint64 datasetId, uint32 version, address token) external returns (uint256 amount);

    /// @notice Pays the caller the revenue it is owed by several versions in one token, in one transfer.
    /// @dev Versions with nothing owed are skipped; the call reverts only when the sum is zero.
    /// @param token The token.
    /// @param versions The versions.
    /// @return amount The total paid.
    function claimRevenueMany(address token, VersionRef[] calldata versions) external returns (uint256 amount);

    /// @notice Pays the caller its whole credit in a token.
    /// @param token The token.
    /// @return amount The amount paid.
    function withdrawCredit(address token) external returns (uint256 amount);

    /// @notice Sends the revenue owed to a version's unclaimed shares (its total less what was claimed) to
    /// its sweep destination, once its claim deadline has passed. Anyone may call, as often as revenue
    /// arrives; nothing a holder claimed is ever touched.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param token The token.
    /// @return amount The amount sent.
    function sweepUnclaimed(uint64 datasetId, uint32 version, address token) external returns (uint256 amount);

    /// @notice What `sweepUnclaimed` would send now (0 before the claim deadline).
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param token The token.
    /// @return The amount.
    function sweepableRevenue(uint64 datasetId, uint32 version, address token) external view returns (uint256);

    /// @notice Revenue of a version's unclaimed shares swept so far in a token.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param token The token.
    /// @return The amount swept.
    function sweptRevenue(uint64 datasetId, uint32 version, address token) external view returns (uint256);

    /// @notice The version's revenue per share in a token, in Q128 fixed point. Never decreases.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param token The token.
    /// @return The accumulator.
    function revenuePerShare(uint64 datasetId, uint32 version, address token) external view returns (uint256);

    /// @notice Revenue already paid to a holder by a version in a token.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param token The token.
    /// @param account The holder.
    /// @return The amount paid so far.
    function revenueReleased(uint64 datasetId, uint32 version, address token, address account)
        external
        view
        returns (uint256);

    /// @notice Revenue a holder can pull now from a version in a token.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param token The token.
    /// @param account The holder.
    /// @return The amount claimable.
    function claimableRevenue(uint64 datasetId, uint32 version, address token, address account)
        external
        view
        returns (uint256);

    /// @notice An account's withdrawable credit in a token.
    /// @param account The account.
    /// @param token The token.
    /// @return The amount withdrawable.
    function creditOf(address account, address token) external view returns (uint256);
}
