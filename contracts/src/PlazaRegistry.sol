// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IPlazaRegistry} from "./interfaces/IPlazaRegistry.sol";

/// @title PlazaRegistry
/// @notice Datasets, their parameters and the version lifecycle: propose → timelock (the guardian or the
/// publisher may revoke) → open for claims and votes, with a claim period after which unclaimed shares'
/// revenue can be swept. Role hand-overs take two steps (offer, accept).
/// @dev Parameters other than the payment tokens (and their reserves) and the publisher are fixed at
/// registration, so holders and buyers know the rules of every vote in advance.
abstract contract PlazaRegistry is IPlazaRegistry {
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @notice Shortest voting period a dataset may use (a flash-loan-proof floor).
    uint32 public constant MIN_VOTING_PERIOD = 1 hours;
    /// @notice Longest voting period a dataset may use.
    uint32 public constant MAX_VOTING_PERIOD = 90 days;
    /// @notice Longest voting delay a dataset may use.
    uint32 public constant MAX_VOTING_DELAY = 30 days;
    /// @notice Shortest root timelock a dataset may use: never zero, so a version can always be
    /// revoked before anything can be claimed or voted with it (production datasets use days).
    uint32 public constant MIN_ROOT_TIMELOCK = 1 minutes;
    /// @notice Longest root timelock a dataset may use.
    uint32 public constant MAX_ROOT_TIMELOCK = 90 days;
    /// @notice Shortest claim period, in days: holders always get a month to claim their shares.
    uint16 public constant MIN_CLAIM_PERIOD_DAYS = 30;
    /// @notice Longest claim period, in days.
    uint16 public constant MAX_CLAIM_PERIOD_DAYS = 3_650;
    /// @notice Longest license a dataset may offer (keeps every expiry inside 40 bits).
    uint40 public constant MAX_LICENSE_DURATION = 100 * 365 days;
    /// @notice Highest protocol fee a dataset may set, in basis points.
    uint16 public constant MAX_FEE_BPS = 1_000;

    address internal _guardian;
    uint64 internal _datasetCount;
    address internal _pendingGuardian;

    mapping(uint64 datasetId => Dataset) internal _datasets;
    mapping(uint64 datasetId => address) internal _pendingPublishers;
    mapping(uint64 datasetId => EnumerableSet.AddressSet) internal _paymentTokens;
    /// @dev Non-zero exactly for the allowed tokens, so one read both checks a token and prices it.
    mapping(uint64 datasetId => mapping(address token => uint96)) internal _reservePrices;
    /// @dev Keyed by {_versionKey}.
    mapping(uint256 versionKey => Version) internal _versions;

    /// @param guardian_ The first guardian.
    constructor(address guardian_) {
        if (guardian_ == address(0)) revert PlazaZeroAddress();
        _guardian = guardian_;
        emit GuardianTransferred(address(0), guardian_);
    }

    /// @inheritdoc IPlazaRegistry
    function registerDataset(DatasetParams calldata params) external returns (uint64 datasetId) {
        _checkParams(params);
        datasetId = ++_datasetCount;
        _datasets[datasetId] = Dataset({
            publisher: params.publisher,
            votingDelay: params.votingDelay,
            votingPeriod: params.votingPeriod,
            quorumBps: params.quorumBps,
            feeBps: params.feeBps,
            feeRecipient: params.feeRecipient,
            rootTimelock: params.rootTimelock,
            maxLicenseDuration: params.maxLicenseDuration,
            claimPeriodDays: params.claimPeriodDays,
            sweepTo: params.sweepTo,
            versionCount: 0
        });
        for (uint256 i; i < params.paymentTokens.length; ++i) {
            PaymentToken calldata payment = params.paymentTokens[i];
            if (payment.reservePrice == 0) revert PlazaInvalidReservePrice(payment.token);
            if (_paymentTokens[datasetId].contains(payment.token)) {
                revert PlazaPaymentTokenUnchanged(datasetId, payment.token);
            }
            _allowToken(datasetId, payment.token, payment.reservePrice);
        }
        emit DatasetRegistered(datasetId, params.publisher, params);
    }

    /// @inheritdoc IPlazaRegistry
    function setPaymentToken(uint64 datasetId, address token, uint96 reservePrice_) external {
        _onlyPublisher(datasetId);
        if (reservePrice_ != 0) {
            _allowToken(datasetId, token, reservePrice_);
        } else {
            EnumerableSet.AddressSet storage tokens = _paymentTokens[datasetId];
            if (!tokens.remove(token)) revert PlazaPaymentTokenUnchanged(datasetId, token);
            if (tokens.length() == 0) revert PlazaNoPaymentTokens();
            delete _reservePrices[datasetId][token];
        }
        emit PaymentTokenSet(datasetId, token, reservePrice_);
    }

    /// @inheritdoc IPlazaRegistry
    function transferPublisher(uint64 datasetId, address newPublisher) external {
        _onlyPublisher(datasetId);
        _pendingPublishers[datasetId] = newPublisher;
        emit PublisherTransferStarted(datasetId, msg.sender, newPublisher);
    }

    /// @inheritdoc IPlazaRegistry
    function acceptPublisher(uint64 datasetId) external {
        if (msg.sender != _pendingPublishers[datasetId] || msg.sender == address(0)) {
            revert PlazaNotPendingRole(msg.sender);
        }
        delete _pendingPublishers[datasetId];
        Dataset storage dataset = _datasets[datasetId];
        address previous = dataset.publisher;
        dataset.publisher = msg.sender;
        emit PublisherTransferred(datasetId, previous, msg.sender);
    }

    /// @inheritdoc IPlazaRegistry
    function proposeVersion(
        uint64 datasetId,
        bytes32 sharesRoot,
        uint96 totalShares,
        bytes32 manifestHash,
        string calldata manifestURI
    ) external returns (uint32 version) {
        Dataset storage dataset = _onlyPublisher(datasetId);
        if (sharesRoot == bytes32(0)) revert PlazaZeroSharesRoot();
        if (totalShares == 0) revert PlazaZeroTotalShares();
        version = ++dataset.versionCount;
        uint40 activatesAt = uint40(block.timestamp) + dataset.rootTimelock;
        uint16 claimDays = dataset.claimPeriodDays;
        Version storage v = _versions[_versionKey(datasetId, version)];
        v.sharesRoot = sharesRoot;
        v.totalShares = totalShares;
        v.activatesAt = activatesAt;
        v.status = VersionStatus.Pending;
        v.claimPeriodDays = claimDays;
        v.manifestHash = manifestHash;
        emit VersionProposed(
            datasetId,
            version,
            sharesRoot,
            totalShares,
            manifestHash,
            manifestURI,
            activatesAt,
            activatesAt + uint40(claimDays) * 1 days
        );
    }

    /// @inheritdoc IPlazaRegistry
    function activateVersion(uint64 datasetId, uint32 version) external {
        Version storage v = _pendingVersion(datasetId, version);
        if (block.timestamp < v.activatesAt) revert PlazaTimelockNotElapsed(datasetId, version, v.activatesAt);
        v.status = VersionStatus.Active;
        emit VersionActivated(datasetId, version);
    }

    /// @inheritdoc IPlazaRegistry
    function revokeVersion(uint64 datasetId, uint32 version) external {
        if (msg.sender != _guardian && msg.sender != _datasets[datasetId].publisher) {
            revert PlazaNotRevoker(datasetId, msg.sender);
        }
        Version storage v = _pendingVersion(datasetId, version);
        if (block.timestamp >= v.activatesAt) revert PlazaTimelockElapsed(datasetId, version, v.activatesAt);
        v.status = VersionStatus.Revoked;
        emit VersionRevoked(datasetId, version, msg.sender);
    }

    /// @inheritdoc IPlazaRegistry
    function transferGuardian(address newGuardian) external {
        if (msg.sender != _guardian) revert PlazaNotGuardian(msg.sender);
        _pendingGuardian = newGuardian;
        emit GuardianTransferStarted(msg.sender, newGuardian);
    }

    /// @inheritdoc IPlazaRegistry
    function acceptGuardian() external {
        if (msg.sender != _pendingGuardian || msg.sender == address(0)) revert PlazaNotPendingRole(msg.sender);
        delete _pendingGuardian;
        address previous = _guardian;
        _guardian = msg.sender;
        emit GuardianTransferred(previous, msg.sender);
    }

    /// @inheritdoc IPlazaRegistry
    function guardian() external view returns (address) {
        return _guardian;
    }

    /// @inheritdoc IPlazaRegistry
    function pendingGuardian() external view returns (address) {
        return _pendingGuardian;
    }

    /// @inheritdoc IPlazaRegistry
    function pendingPublisher(uint64 datasetId) external view returns (address) {
        return _pendingPublishers[datasetId];
    }

    /// @inheritdoc IPlazaRegistry
    function reservePrice(uint64 datasetId, address token) external view returns (uint96) {
        return _reservePrices[datasetId][token];
    }

    /// @inheritdoc IPlazaRegistry
    function datasetCount() external view returns (uint64) {
        return _datasetCount;
    }

    /// @inheritdoc IPlazaRegistry
    function getDataset(uint64 datasetId) external view returns (Dataset memory) {
        return _datasets[datasetId];
    }

    /// @inheritdoc IPlazaRegistry
    function getPaymentTokens(uint64 datasetId) external view returns (address[] memory) {
        return _paymentTokens[datasetId].values();
    }

    /// @inheritdoc IPlazaRegistry
    function isPaymentToken(uint64 datasetId, address token) external view returns (bool) {
        return _reservePrices[datasetId][token] != 0;
    }

    /// @inheritdoc IPlazaRegistry
    function getVersion(uint64 datasetId, uint32 version) external view returns (Version memory) {
        return _versions[_versionKey(datasetId, version)];
    }

    /// @inheritdoc IPlazaRegistry
    function versionStatus(uint64 datasetId, uint32 version) external view returns (VersionStatus) {
        Version storage v = _versions[_versionKey(datasetId, version)];
        return _isOpen(v) ? VersionStatus.Active : v.status;
    }

    /// @inheritdoc IPlazaRegistry
    function claimDeadline(uint64 datasetId, uint32 version) external view returns (uint40) {
        Version storage v = _versions[_versionKey(datasetId, version)];
        return v.status == VersionStatus.None ? 0 : _claimDeadline(v);
    }

    /// @inheritdoc IPlazaRegistry
    function sweepDestination(uint64 datasetId, uint32 version) external view returns (address) {
        return _sweepDestination(datasetId, _versions[_versionKey(datasetId, version)]);
    }

    /// @dev One storage key per (dataset, version): the dataset id in the high bits, the version in the
    /// low 32. Distinct pairs give distinct keys because both fit their fields.
    function _versionKey(uint64 datasetId, uint32 version) internal pure returns (uint256) {
        return (uint256(datasetId) << 32) | version;
    }

    /// @dev Whether claims and votes are open: activated, or pending with its timelock elapsed.
    function _isOpen(Version storage v) internal view returns (bool) {
        VersionStatus status = v.status;
        return status == VersionStatus.Active || (status == VersionStatus.Pending && block.timestamp >= v.activatesAt);
    }

    /// @dev When share claims close: the claim period counted from the end of the timelock.
    function _claimDeadline(Version storage v) internal view returns (uint40) {
        return v.activatesAt + uint40(v.claimPeriodDays) * 1 days;
    }

    /// @dev The destination a version's holders voted for, else the dataset's.
    function _sweepDestination(uint64 datasetId, Version storage v) internal view returns (address to) {
        to = v.sweepTo;
        if (to == address(0)) to = _datasets[datasetId].sweepTo;
    }

    /// @dev Adds a token to the allowed list (or reprices it) after checking it is a contract.
    function _allowToken(uint64 datasetId, address token, uint96 reserve) private {
        if (token.code.length == 0) revert PlazaInvalidToken(token);
        _paymentTokens[datasetId].add(token);
        _reservePrices[datasetId][token] = reserve;
    }

    /// @dev Reverts unless the caller publishes the dataset (which also proves the dataset exists).
    function _onlyPublisher(uint64 datasetId) internal view returns (Dataset storage dataset) {
        dataset = _datasets[datasetId];
        if (dataset.publisher == address(0)) revert PlazaUnknownDataset(datasetId);
        if (dataset.publisher != msg.sender) revert PlazaNotPublisher(datasetId, msg.sender);
    }

    /// @dev Returns a pending version or reverts with the reason it is not one.
    function _pendingVersion(uint64 datasetId, uint32 version) private view returns (Version storage v) {
        v = _versions[_versionKey(datasetId, version)];
        VersionStatus status = v.status;
        if (status == VersionStatus.None) revert PlazaUnknownVersion(datasetId, version);
        if (status != VersionStatus.Pending) revert PlazaVersionNotPending(datasetId, version, status);
    }

    /// @dev Checks every bound on registration parameters.
    function _checkParams(DatasetParams calldata params) private pure {
        if (params.publisher == address(0)) revert PlazaZeroAddress();
        if (params.votingDelay > MAX_VOTING_DELAY) revert PlazaInvalidVotingDelay(params.votingDelay);
        if (params.votingPeriod < MIN_VOTING_PERIOD || params.votingPeriod > MAX_VOTING_PERIOD) {
            revert PlazaInvalidVotingPeriod(params.votingPeriod);
        }
        if (params.quorumBps == 0 || params.quorumBps > 10_000) revert PlazaInvalidQuorum(params.quorumBps);
        if (params.rootTimelock < MIN_ROOT_TIMELOCK || params.rootTimelock > MAX_ROOT_TIMELOCK) {
            revert PlazaInvalidTimelock(params.rootTimelock);
        }
        if (params.claimPeriodDays < MIN_CLAIM_PERIOD_DAYS || params.claimPeriodDays > MAX_CLAIM_PERIOD_DAYS) {
            revert PlazaInvalidClaimPeriod(params.claimPeriodDays);
        }
        if (params.maxLicenseDuration == 0 || params.maxLicenseDuration > MAX_LICENSE_DURATION) {
            revert PlazaInvalidMaxLicenseDuration(params.maxLicenseDuration);
        }
        if (params.sweepTo == address(0)) revert PlazaZeroAddress();
        if (params.feeBps > MAX_FEE_BPS || (params.feeBps == 0) != (params.feeRecipient == address(0))) {
            revert PlazaInvalidFee(params.feeBps, params.feeRecipient);
        }
        if (params.paymentTokens.length == 0) revert PlazaNoPaymentTokens();
    }
}
