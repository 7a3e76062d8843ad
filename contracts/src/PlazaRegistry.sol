// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IPlazaRegistry} from "./interfaces/IPlazaRegistry.sol";

/// @title PlazaRegistry
/// @notice Datasets, their parameters and the version lifecycle: propose → timelock → activate, with
/// revocation by the guardian (or the publisher) while the timelock runs.
/// @dev Parameters other than the payment token list and the publisher are fixed at registration, so
/// holders and buyers know the rules of every vote in advance.
abstract contract PlazaRegistry is IPlazaRegistry {
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @notice Shortest voting period a dataset may use (a flash-loan-proof floor).
    uint32 public constant MIN_VOTING_PERIOD = 1 hours;
    /// @notice Longest voting period a dataset may use.
    uint32 public constant MAX_VOTING_PERIOD = 90 days;
    /// @notice Longest root timelock a dataset may use.
    uint32 public constant MAX_ROOT_TIMELOCK = 90 days;
    /// @notice Longest license a dataset may offer (keeps every expiry inside 40 bits).
    uint40 public constant MAX_LICENSE_DURATION = 100 * 365 days;
    /// @notice Highest protocol fee a dataset may set, in basis points.
    uint16 public constant MAX_FEE_BPS = 1_000;

    address internal _guardian;
    uint64 internal _datasetCount;

    mapping(uint64 datasetId => Dataset) internal _datasets;
    mapping(uint64 datasetId => EnumerableSet.AddressSet) internal _paymentTokens;
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
            votingPeriod: params.votingPeriod,
            quorumBps: params.quorumBps,
            feeBps: params.feeBps,
            rootTimelock: params.rootTimelock,
            feeRecipient: params.feeRecipient,
            reservePrice: params.reservePrice,
            maxLicenseDuration: params.maxLicenseDuration,
            versionCount: 0
        });
        EnumerableSet.AddressSet storage tokens = _paymentTokens[datasetId];
        for (uint256 i; i < params.paymentTokens.length; ++i) {
            address token = params.paymentTokens[i];
            if (token.code.length == 0) revert PlazaInvalidToken(token);
            if (!tokens.add(token)) revert PlazaPaymentTokenUnchanged(datasetId, token);
        }
        emit DatasetRegistered(datasetId, params.publisher, params);
    }

    /// @inheritdoc IPlazaRegistry
    function setPaymentToken(uint64 datasetId, address token, bool allowed) external {
        _onlyPublisher(datasetId);
        EnumerableSet.AddressSet storage tokens = _paymentTokens[datasetId];
        if (allowed) {
            if (token.code.length == 0) revert PlazaInvalidToken(token);
            if (!tokens.add(token)) revert PlazaPaymentTokenUnchanged(datasetId, token);
        } else {
            if (!tokens.remove(token)) revert PlazaPaymentTokenUnchanged(datasetId, token);
            if (tokens.length() == 0) revert PlazaNoPaymentTokens();
        }
        emit PaymentTokenSet(datasetId, token, allowed);
    }

    /// @inheritdoc IPlazaRegistry
    function transferPublisher(uint64 datasetId, address newPublisher) external {
        _onlyPublisher(datasetId);
        if (newPublisher == address(0)) revert PlazaZeroAddress();
        _datasets[datasetId].publisher = newPublisher;
        emit PublisherTransferred(datasetId, msg.sender, newPublisher);
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
        Version storage v = _versions[_versionKey(datasetId, version)];
        v.sharesRoot = sharesRoot;
        v.totalShares = totalShares;
        v.activatesAt = activatesAt;
        v.status = VersionStatus.Pending;
        v.manifestHash = manifestHash;
        emit VersionProposed(datasetId, version, sharesRoot, totalShares, manifestHash, manifestURI, activatesAt);
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
        if (newGuardian == address(0)) revert PlazaZeroAddress();
        _guardian = newGuardian;
        emit GuardianTransferred(msg.sender, newGuardian);
    }

    /// @inheritdoc IPlazaRegistry
    function guardian() external view returns (address) {
        return _guardian;
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
        return _paymentTokens[datasetId].contains(token);
    }

    /// @inheritdoc IPlazaRegistry
    function getVersion(uint64 datasetId, uint32 version) external view returns (Version memory) {
        return _versions[_versionKey(datasetId, version)];
    }

    /// @dev One storage key per (dataset, version): the dataset id in the high bits, the version in the
    /// low 32. Distinct pairs give distinct keys because both fit their fields.
    function _versionKey(uint64 datasetId, uint32 version) internal pure returns (uint256) {
        return (uint256(datasetId) << 32) | version;
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
        if (params.votingPeriod < MIN_VOTING_PERIOD || params.votingPeriod > MAX_VOTING_PERIOD) {
            revert PlazaInvalidVotingPeriod(params.votingPeriod);
        }
        if (params.quorumBps == 0 || params.quorumBps > 10_000) revert PlazaInvalidQuorum(params.quorumBps);
        if (params.rootTimelock > MAX_ROOT_TIMELOCK) revert PlazaInvalidTimelock(params.rootTimelock);
        if (params.maxLicenseDuration == 0 || params.maxLicenseDuration > MAX_LICENSE_DURATION) {
            revert PlazaInvalidMaxLicenseDuration(params.maxLicenseDuration);
        }
        if (params.reservePrice == 0) revert PlazaInvalidReservePrice();
        if (params.feeBps > MAX_FEE_BPS || (params.feeBps == 0) != (params.feeRecipient == address(0))) {
            revert PlazaInvalidFee(params.feeBps, params.feeRecipient);
        }
        if (params.paymentTokens.length == 0) revert PlazaNoPaymentTokens();
    }
}
