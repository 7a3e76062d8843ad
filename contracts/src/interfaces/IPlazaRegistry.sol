// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IPlazaRegistry
/// @notice Datasets, their parameters, and the lifecycle of their versions: the publisher proposes a
/// version (shares root, total shares, manifest), a timelock runs during which the guardian (or the
/// publisher) can revoke it, and then anyone activates it.
interface IPlazaRegistry {
    /// @notice Lifecycle of a dataset version.
    enum VersionStatus {
        None,
        Pending,
        Active,
        Revoked
    }

    /// @notice Parameters given when a dataset is registered.
    /// @param publisher Address allowed to propose versions and edit the payment token list.
    /// @param votingPeriod Seconds a license proposal stays open for votes.
    /// @param quorumBps Participation (for + against) needed, in basis points of the version's total shares.
    /// @param rootTimelock Seconds between a version proposal and its earliest activation.
    /// @param maxLicenseDuration Longest license a buyer may ask for, in seconds.
    /// @param reservePrice Lowest escrow accepted for a license, in the payment token's units.
    /// @param feeBps Protocol fee taken from approved license payments, in basis points (0 for none).
    /// @param feeRecipient Account credited with the protocol fee (zero when `feeBps` is 0).
    /// @param paymentTokens ERC-20 tokens a buyer may pay with.
    struct DatasetParams {
        address publisher;
        uint32 votingPeriod;
        uint16 quorumBps;
        uint32 rootTimelock;
        uint40 maxLicenseDuration;
        uint96 reservePrice;
        uint16 feeBps;
        address feeRecipient;
        address[] paymentTokens;
    }

    /// @notice A registered dataset, as stored (three slots).
    struct Dataset {
        address publisher;
        uint32 votingPeriod;
        uint16 quorumBps;
        uint16 feeBps;
        uint32 rootTimelock;
        address feeRecipient;
        uint96 reservePrice;
        uint40 maxLicenseDuration;
        uint32 versionCount;
    }

    /// @notice A dataset version, as stored.
    struct Version {
        bytes32 sharesRoot;
        uint96 totalShares;
        uint96 claimedShares;
        uint40 activatesAt;
        VersionStatus status;
        bytes32 manifestHash;
        uint32 proposalCount;
    }

    /// @notice Emitted when a dataset is registered.
    /// @param datasetId The new dataset's id.
    /// @param publisher The dataset's publisher.
    /// @param params Every parameter, as given.
    event DatasetRegistered(uint64 indexed datasetId, address indexed publisher, DatasetParams params);

    /// @notice Emitted when the publisher allows or disallows a payment token.
    /// @param datasetId The dataset.
    /// @param token The ERC-20 token.
    /// @param allowed Whether new license proposals may use it.
    event PaymentTokenSet(uint64 indexed datasetId, address indexed token, bool allowed);

    /// @notice Emitted when a dataset's publisher changes.
    /// @param datasetId The dataset.
    /// @param previousPublisher The publisher before.
    /// @param newPublisher The publisher after.
    event PublisherTransferred(
        uint64 indexed datasetId, address indexed previousPublisher, address indexed newPublisher
    );

    /// @notice Emitted when the publisher proposes a version.
    /// @param datasetId The dataset.
    /// @param version The version number (1, 2, ...).
    /// @param sharesRoot Root of the shares Merkle tree (OpenZeppelin StandardMerkleTree format).
    /// @param totalShares Sum of every leaf's amount; claims can never exceed it.
    /// @param manifestHash Hash of the version's manifest.
    /// @param manifestURI Where the manifest can be fetched.
    /// @param activatesAt Earliest time the version can be activated.
    event VersionProposed(
        uint64 indexed datasetId,
        uint32 indexed version,
        bytes32 sharesRoot,
        uint96 totalShares,
        bytes32 manifestHash,
        string manifestURI,
        uint40 activatesAt
    );

    /// @notice Emitted when a version becomes active (claims and licenses open).
    /// @param datasetId The dataset.
    /// @param version The version.
    event VersionActivated(uint64 indexed datasetId, uint32 indexed version);

    /// @notice Emitted when a pending version is revoked during its timelock.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param by The guardian or publisher who revoked it.
    event VersionRevoked(uint64 indexed datasetId, uint32 indexed version, address indexed by);

    /// @notice Emitted when the guardian role moves.
    /// @param previousGuardian The guardian before.
    /// @param newGuardian The guardian after.
    event GuardianTransferred(address indexed previousGuardian, address indexed newGuardian);

    /// @notice The caller is not the guardian.
    /// @param caller The caller.
    error PlazaNotGuardian(address caller);

    /// @notice The caller is not the dataset's publisher.
    /// @param datasetId The dataset.
    /// @param caller The caller.
    error PlazaNotPublisher(uint64 datasetId, address caller);

    /// @notice The caller may not revoke this version (only the guardian or the publisher may).
    /// @param datasetId The dataset.
    /// @param caller The caller.
    error PlazaNotRevoker(uint64 datasetId, address caller);

    /// @notice An address that must be set is zero.
    error PlazaZeroAddress();

    /// @notice The voting period is outside [MIN_VOTING_PERIOD, MAX_VOTING_PERIOD].
    /// @param votingPeriod The value given.
    error PlazaInvalidVotingPeriod(uint32 votingPeriod);

    /// @notice The quorum is 0 or above 10,000 bps.
    /// @param quorumBps The value given.
    error PlazaInvalidQuorum(uint16 quorumBps);

    /// @notice The root timelock is above MAX_ROOT_TIMELOCK.
    /// @param rootTimelock The value given.
    error PlazaInvalidTimelock(uint32 rootTimelock);

    /// @notice The maximum license duration is 0 or above MAX_LICENSE_DURATION.
    /// @param maxLicenseDuration The value given.
    error PlazaInvalidMaxLicenseDuration(uint40 maxLicenseDuration);

    /// @notice The reserve price is 0 (a reserve keeps spam proposals costly).
    error PlazaInvalidReservePrice();

    /// @notice The fee is above MAX_FEE_BPS, or the recipient does not match the fee (set iff fee > 0).
    /// @param feeBps The fee given.
    /// @param feeRecipient The recipient given.
    error PlazaInvalidFee(uint16 feeBps, address feeRecipient);

    /// @notice The dataset would have no payment token.
    error PlazaNoPaymentTokens();

    /// @notice The token is not a contract.
    /// @param token The address given.
    error PlazaInvalidToken(address token);

    /// @notice The payment token is already in the list (when allowing) or not in it (when disallowing).
    /// @param datasetId The dataset.
    /// @param token The token.
    error PlazaPaymentTokenUnchanged(uint64 datasetId, address token);

    /// @notice No dataset has this id.
    /// @param datasetId The id given.
    error PlazaUnknownDataset(uint64 datasetId);

    /// @notice The version does not exist in this dataset.
    /// @param datasetId The dataset.
    /// @param version The version given.
    error PlazaUnknownVersion(uint64 datasetId, uint32 version);

    /// @notice A version's shares root is zero.
    error PlazaZeroSharesRoot();

    /// @notice A version's total shares is zero.
    error PlazaZeroTotalShares();

    /// @notice The version is not pending (already active or revoked).
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param status Its status.
    error PlazaVersionNotPending(uint64 datasetId, uint32 version, VersionStatus status);

    /// @notice The version's timelock has not elapsed yet.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param activatesAt When it can be activated.
    error PlazaTimelockNotElapsed(uint64 datasetId, uint32 version, uint40 activatesAt);

    /// @notice The version's timelock has elapsed, so it can no longer be revoked.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param activatesAt When its timelock ended.
    error PlazaTimelockElapsed(uint64 datasetId, uint32 version, uint40 activatesAt);

    /// @notice The version is not active.
    /// @param datasetId The dataset.
    /// @param version The version.
    error PlazaVersionNotActive(uint64 datasetId, uint32 version);

    /// @notice Registers a dataset; anyone may register one and name its publisher.
    /// @param params The dataset's parameters (checked against the bounds above).
    /// @return datasetId The new dataset's id (1, 2, ...).
    function registerDataset(DatasetParams calldata params) external returns (uint64 datasetId);

    /// @notice Allows or disallows a payment token for new license proposals. Publisher only.
    /// @dev Proposals already made keep their token; at least one token must stay allowed.
    /// @param datasetId The dataset.
    /// @param token The ERC-20 token.
    /// @param allowed Whether to allow it.
    function setPaymentToken(uint64 datasetId, address token, bool allowed) external;

    /// @notice Hands the publisher role to another address. Publisher only.
    /// @param datasetId The dataset.
    /// @param newPublisher The new publisher.
    function transferPublisher(uint64 datasetId, address newPublisher) external;

    /// @notice Proposes a new version of a dataset. Publisher only. Starts the root timelock.
    /// @param datasetId The dataset.
    /// @param sharesRoot Root of the shares tree; leaves are
    /// `keccak256(bytes.concat(keccak256(abi.encode(datasetId, version, index, account, amount))))`.
    /// @param totalShares Sum of every leaf's amount.
    /// @param manifestHash Hash of the version's manifest.
    /// @param manifestURI Where the manifest can be fetched (emitted, not stored).
    /// @return version The new version number.
    function proposeVersion(
        uint64 datasetId,
        bytes32 sharesRoot,
        uint96 totalShares,
        bytes32 manifestHash,
        string calldata manifestURI
    ) external returns (uint32 version);

    /// @notice Activates a pending version once its timelock has elapsed. Anyone may call.
    /// @param datasetId The dataset.
    /// @param version The version.
    function activateVersion(uint64 datasetId, uint32 version) external;

    /// @notice Revokes a pending version before its timelock ends. Guardian or publisher only.
    /// @param datasetId The dataset.
    /// @param version The version.
    function revokeVersion(uint64 datasetId, uint32 version) external;

    /// @notice Hands the guardian role to another address. Guardian only.
    /// @param newGuardian The new guardian.
    function transferGuardian(address newGuardian) external;

    /// @notice The guardian, who may revoke pending versions.
    /// @return The guardian's address.
    function guardian() external view returns (address);

    /// @notice How many datasets exist; ids run from 1 to this number.
    /// @return The count.
    function datasetCount() external view returns (uint64);

    /// @notice A dataset's stored parameters.
    /// @param datasetId The dataset.
    /// @return The dataset (all zero for an unknown id).
    function getDataset(uint64 datasetId) external view returns (Dataset memory);

    /// @notice The tokens a buyer may pay this dataset with.
    /// @param datasetId The dataset.
    /// @return The token list.
    function getPaymentTokens(uint64 datasetId) external view returns (address[] memory);

    /// @notice Whether a token is allowed for new license proposals.
    /// @param datasetId The dataset.
    /// @param token The token.
    /// @return True when allowed.
    function isPaymentToken(uint64 datasetId, address token) external view returns (bool);

    /// @notice A version's stored data.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @return The version (all zero when unknown).
    function getVersion(uint64 datasetId, uint32 version) external view returns (Version memory);
}
