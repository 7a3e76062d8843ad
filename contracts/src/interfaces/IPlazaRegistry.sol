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

    /// @notice A payment token and the lowest escrow it accepts, in the token's own units.
    /// @param token The ERC-20 token.
    /// @param reservePrice Lowest escrow accepted for a license paid in it (> 0).
    struct PaymentToken {
        address token;
        uint96 reservePrice;
    }

    /// @notice Parameters given when a dataset is registered.
    /// @param publisher Address allowed to propose versions and edit the payment token list.
    /// @param votingDelay Seconds between a proposal and the start of its vote (time to notice it).
    /// @param votingPeriod Seconds a proposal's vote stays open once it has started.
    /// @param quorumBps Participation (for + against) needed, in basis points of the version's total shares.
    /// @param rootTimelock Seconds between a version proposal and the opening of its claims and votes,
    /// during which the guardian (or the publisher) can revoke it; never zero.
    /// @param claimPeriodDays Days after a version opens during which its shares can be claimed; after
    /// that, revenue owed to unclaimed shares is swept to the version's sweep destination.
    /// @param maxLicenseDuration Longest license a buyer may ask for, in seconds.
    /// @param feeBps Protocol fee taken from approved license payments, in basis points (0 for none).
    /// @param feeRecipient Account credited with the protocol fee (zero when `feeBps` is 0).
    /// @param sweepTo Where unclaimed shares' revenue goes after the claim deadline, until a version's
    /// holders vote for another destination (see `proposeSweepTo`).
    /// @param paymentTokens ERC-20 tokens a buyer may pay with, each with its own reserve price.
    struct DatasetParams {
        address publisher;
        uint32 votingDelay;
        uint32 votingPeriod;
        uint16 quorumBps;
        uint32 rootTimelock;
        uint16 claimPeriodDays;
        uint40 maxLicenseDuration;
        uint16 feeBps;
        address feeRecipient;
        address sweepTo;
        PaymentToken[] paymentTokens;
    }

    /// @notice A registered dataset, as stored (three slots).
    struct Dataset {
        address publisher;
        uint32 votingDelay;
        uint32 votingPeriod;
        uint16 quorumBps;
        uint16 feeBps;
        address feeRecipient;
        uint32 rootTimelock;
        uint40 maxLicenseDuration;
        uint16 claimPeriodDays;
        address sweepTo;
        uint32 versionCount;
    }

    /// @notice A dataset version, as stored. `status` is the stored one: a `Pending` version whose
    /// timelock has elapsed is open (see `versionStatus`) whether or not anyone called `activateVersion`.
    /// `sweepTo` is the destination its holders voted for (zero: the dataset's).
    struct Version {
        bytes32 sharesRoot;
        uint96 totalShares;
        uint96 claimedShares;
        uint40 activatesAt;
        VersionStatus status;
        uint16 claimPeriodDays;
        bytes32 manifestHash;
        uint32 proposalCount;
        address sweepTo;
    }

    /// @notice Emitted when a dataset is registered.
    /// @param datasetId The new dataset's id.
    /// @param publisher The dataset's publisher.
    /// @param params Every parameter, as given.
    event DatasetRegistered(uint64 indexed datasetId, address indexed publisher, DatasetParams params);

    /// @notice Emitted when the publisher allows, reprices or disallows a payment token.
    /// @param datasetId The dataset.
    /// @param token The ERC-20 token.
    /// @param reservePrice Its reserve price for new proposals (0: no longer allowed).
    event PaymentTokenSet(uint64 indexed datasetId, address indexed token, uint96 reservePrice);

    /// @notice Emitted when the publisher names a successor, who must accept (0: offer withdrawn).
    /// @param datasetId The dataset.
    /// @param publisher The publisher.
    /// @param pendingPublisher The address that may accept the role.
    event PublisherTransferStarted(uint64 indexed datasetId, address indexed publisher, address indexed pendingPublisher);

    /// @notice Emitted when a dataset's publisher changes (the successor accepted).
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
    /// @param activatesAt When the timelock ends and claims and votes open.
    /// @param claimDeadline When share claims close (and unclaimed revenue can be swept).
    event VersionProposed(
        uint64 indexed datasetId,
        uint32 indexed version,
        bytes32 sharesRoot,
        uint96 totalShares,
        bytes32 manifestHash,
        string manifestURI,
        uint40 activatesAt,
        uint40 claimDeadline
    );

    /// @notice Emitted when someone records a version's activation (its claims and votes opened when
    /// its timelock ended, with or without this call).
    /// @param datasetId The dataset.
    /// @param version The version.
    event VersionActivated(uint64 indexed datasetId, uint32 indexed version);

    /// @notice Emitted when a pending version is revoked during its timelock.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param by The guardian or publisher who revoked it.
    event VersionRevoked(uint64 indexed datasetId, uint32 indexed version, address indexed by);

    /// @notice Emitted when the guardian names a successor, who must accept (0: offer withdrawn).
    /// @param guardian The guardian.
    /// @param pendingGuardian The address that may accept the role.
    event GuardianTransferStarted(address indexed guardian, address indexed pendingGuardian);

    /// @notice Emitted when the guardian role moves (the successor accepted).
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

    /// @notice The caller is not the pending publisher or guardian it tries to become.
    /// @param caller The caller.
    error PlazaNotPendingRole(address caller);

    /// @notice The voting delay is above MAX_VOTING_DELAY.
    /// @param votingDelay The value given.
    error PlazaInvalidVotingDelay(uint32 votingDelay);

    /// @notice The claim period is outside [MIN_CLAIM_PERIOD_DAYS, MAX_CLAIM_PERIOD_DAYS].
    /// @param claimPeriodDays The value given.
    error PlazaInvalidClaimPeriod(uint16 claimPeriodDays);

    /// @notice The root timelock is outside [MIN_ROOT_TIMELOCK, MAX_ROOT_TIMELOCK].
    /// @param rootTimelock The value given.
    error PlazaInvalidTimelock(uint32 rootTimelock);

    /// @notice The maximum license duration is 0 or above MAX_LICENSE_DURATION.
    /// @param maxLicenseDuration The value given.
    error PlazaInvalidMaxLicenseDuration(uint40 maxLicenseDuration);

    /// @notice A payment token's reserve price is 0 at registration (a reserve keeps spam costly and
    /// licenses from going for nothing).
    /// @param token The token.
    error PlazaInvalidReservePrice(address token);

    /// @notice The fee is above MAX_FEE_BPS, or the recipient does not match the fee (set iff fee > 0).
    /// @param feeBps The fee given.
    /// @param feeRecipient The recipient given.
    error PlazaInvalidFee(uint16 feeBps, address feeRecipient);

    /// @notice The dataset would have no payment token.
    error PlazaNoPaymentTokens();

    /// @notice The token is not a contract.
    /// @param token The address given.
    error PlazaInvalidToken(address token);

    /// @notice The payment token is not in the list (when disallowing).
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

    /// @notice The version is not open: unknown, revoked, or still in its timelock.
    /// @param datasetId The dataset.
    /// @param version The version.
    error PlazaVersionNotActive(uint64 datasetId, uint32 version);

    /// @notice Registers a dataset; anyone may register one and name its publisher.
    /// @param params The dataset's parameters (checked against the bounds above).
    /// @return datasetId The new dataset's id (1, 2, ...).
    function registerDataset(DatasetParams calldata params) external returns (uint64 datasetId);

    /// @notice Allows a payment token with its reserve price, changes its reserve, or (reserve 0)
    /// disallows it, for new license proposals. Publisher only.
    /// @dev Proposals already made keep their token and escrow; at least one token must stay allowed.
    /// @param datasetId The dataset.
    /// @param token The ERC-20 token.
    /// @param reservePrice Lowest escrow in the token's units; 0 disallows the token.
    function setPaymentToken(uint64 datasetId, address token, uint96 reservePrice) external;

    /// @notice Offers the publisher role to another address, which takes it with `acceptPublisher`
    /// (two steps, so a typo cannot lose the role). Publisher only; zero withdraws the offer.
    /// @param datasetId The dataset.
    /// @param newPublisher The address that may accept.
    function transferPublisher(uint64 datasetId, address newPublisher) external;

    /// @notice Takes the publisher role offered by `transferPublisher`. Pending publisher only.
    /// @param datasetId The dataset.
    function acceptPublisher(uint64 datasetId) external;

    /// @notice Proposes a new version of a dataset. Publisher only. Starts the root timelock, after which
    /// claims and votes open and the claim period runs.
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

    /// @notice Records a version's activation once its timelock has elapsed (emits `VersionActivated`).
    /// Anyone may call; claims and votes open when the timelock ends whether or not anyone does.
    /// @param datasetId The dataset.
    /// @param version The version.
    function activateVersion(uint64 datasetId, uint32 version) external;

    /// @notice Revokes a pending version before its timelock ends. Guardian or publisher only.
    /// @param datasetId The dataset.
    /// @param version The version.
    function revokeVersion(uint64 datasetId, uint32 version) external;

    /// @notice Offers the guardian role to another address, which takes it with `acceptGuardian`.
    /// Guardian only; zero withdraws the offer.
    /// @param newGuardian The address that may accept.
    function transferGuardian(address newGuardian) external;

    /// @notice Takes the guardian role offered by `transferGuardian`. Pending guardian only.
    function acceptGuardian() external;

    /// @notice The guardian, who may revoke pending versions.
    /// @return The guardian's address.
    function guardian() external view returns (address);

    /// @notice The address the guardian role is offered to (zero: none).
    /// @return The pending guardian.
    function pendingGuardian() external view returns (address);

    /// @notice The address a dataset's publisher role is offered to (zero: none).
    /// @param datasetId The dataset.
    /// @return The pending publisher.
    function pendingPublisher(uint64 datasetId) external view returns (address);

    /// @notice How many datasets exist; ids run from 1 to this number.
    /// @return The count.
    function datasetCount() external view returns (uint64);

    /// @notice A dataset's stored parameters.
    /// @param datasetId The dataset.
    /// @return The dataset (all zero for an unknown id).
    function getDataset(uint64 datasetId) external view returns (Dataset memory);

    /// @notice A payment token's reserve price for new proposals.
    /// @param datasetId The dataset.
    /// @param token The token.
    /// @return The reserve (0: the token is not allowed).
    function reservePrice(uint64 datasetId, address token) external view returns (uint96);

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

    /// @notice Where a version stands now: `Active` once its timelock has elapsed (claims and votes
    /// are open), even before anyone records it with `activateVersion`.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @return The status.
    function versionStatus(uint64 datasetId, uint32 version) external view returns (VersionStatus);

    /// @notice When a version's share claims close; from then on its unclaimed shares' revenue can be swept.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @return The deadline (0 when the version is unknown).
    function claimDeadline(uint64 datasetId, uint32 version) external view returns (uint40);

    /// @notice Where a version's unclaimed revenue is swept: the destination its holders voted for, or
    /// the dataset's.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @return The destination.
    function sweepDestination(uint64 datasetId, uint32 version) external view returns (address);
}
