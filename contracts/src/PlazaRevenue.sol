// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IPlazaRevenue} from "./interfaces/IPlazaRevenue.sol";
import {PlazaShares} from "./PlazaShares.sol";

/// @title PlazaRevenue
/// @notice Revenue pulled by holders from per-(version, token) accumulators, and credits (fees, refunds
/// that could not be pushed) withdrawn by their owners.
/// @dev A holder with `s` shares in a version is owed `floor(s * revenuePerShare / 2^128)` in total, less
/// what it was already paid. The accumulator divides by the version's published total (not by what has
/// been claimed), so a holder who claims shares late is still owed everything since publication, and the
/// sum owed to all holders never exceeds what was credited.
/// Payouts take no reentrancy lock: each writes all its state before its single transfer, so a reentrant
/// token finds nothing left to pay. The lock guards the functions that take tokens in (see PlazaLicenses).
/// A holder's first claim in a (version, token) copies its shares into a {Payout} record next to what it
/// was paid, so every later claim reads two slots (the record and the accumulator) and writes one.
abstract contract PlazaRevenue is PlazaShares, IPlazaRevenue, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev 2^128, the fixed-point unit of the accumulators.
    uint256 internal constant Q128 = 1 << 128;

    /// @dev A credit: what the account was ever credited and what it has withdrawn (both offset by 1 once
    /// warmed, see {_warmCredit}). The slot stays non-zero after the first credit, so later credits cost a
    /// warm write.
    struct Credit {
        uint128 earned;
        uint128 withdrawn;
    }

    /// @dev Revenue per share in Q128. Starts at 1 (not 0) once a proposal names the token, so that
    /// settlement never pays for a fresh slot; 1/2^128 per share adds up to less than 1 wei over all
    /// shares (totals are below 2^96), so it never pays anything.
    mapping(uint256 versionKey => mapping(address token => uint256)) internal _revenuePerShare;
    /// @dev What a holder was paid by a version in a token, with a copy of its shares (set on first claim).
    struct Payout {
        uint96 shares;
        uint160 released;
    }

    mapping(uint256 versionKey => mapping(address token => mapping(address account => Payout))) internal
        _payouts;
    mapping(address account => mapping(address token => Credit)) internal _credits;
    /// @dev Revenue of a version's unclaimed shares already swept, per token.
    mapping(uint256 versionKey => mapping(address token => uint256)) internal _swept;

    /// @inheritdoc IPlazaRevenue
    function claimRevenue(uint64 datasetId, uint32 version, address token) external returns (uint256 amount)
    {
        amount = _release(datasetId, version, token, msg.sender);
        if (amount == 0) revert PlazaNothingToClaim();
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IPlazaRevenue
    function claimRevenueMany(address token, VersionRef[] calldata versions) external returns (uint256 amount) {
        for (uint256 i; i < versions.length; ++i) {
            amount += _release(versions[i].datasetId, versions[i].version, token, msg.sender);
        }
        if (amount == 0) revert PlazaNothingToClaim();
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IPlazaRevenue
    function withdrawCredit(address token) external returns (uint256 amount) {
        Credit storage credit = _credits[msg.sender][token];
        uint128 earned = credit.earned;
        // unchecked: `withdrawn` is only ever set to `earned`, which never decreases.
        unchecked {
            amount = earned - credit.withdrawn;
        }
        if (amount == 0) revert PlazaNothingToClaim();
        credit.withdrawn = earned;
        emit CreditWithdrawn(msg.sender, token, amount);
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IPlazaRevenue
    function sweepUnclaimed(uint64 datasetId, uint32 version, address token) external returns (uint256 amount) {
        uint256 key = _versionKey(datasetId, version);
        Version storage v = _versions[key];
        if (v.status == VersionStatus.None) revert PlazaUnknownVersion(datasetId, version);
        uint40 deadline = _claimDeadline(v);
        if (block.timestamp < deadline) revert PlazaClaimPeriodNotOver(datasetId, version, deadline);
        uint256 owed = _sweepOwed(v, _revenuePerShare[key][token]);
        uint256 swept = _swept[key][token];
        if (owed <= swept) revert PlazaNothingToClaim();
        // unchecked: guarded by the comparison above.
        unchecked {
            amount = owed - swept;
        }
        _swept[key][token] = owed;
        address to = _sweepDestination(datasetId, v);
        emit UnclaimedRevenueSwept(datasetId, version, token, to, amount);
        IERC20(token).safeTransfer(to, amount);
    }

    /// @inheritdoc IPlazaRevenue
    function sweepableRevenue(uint64 datasetId, uint32 version, address token) external view returns (uint256) {
        uint256 key = _versionKey(datasetId, version);
        Version storage v = _versions[key];
        if (v.status == VersionStatus.None || block.timestamp < _claimDeadline(v)) return 0;
        return _sweepOwed(v, _revenuePerShare[key][token]) - _swept[key][token];
    }

    /// @inheritdoc IPlazaRevenue
    function sweptRevenue(uint64 datasetId, uint32 version, address token) external view returns (uint256) {
        return _swept[_versionKey(datasetId, version)][token];
    }

    /// @inheritdoc IPlazaRevenue
    function revenuePerShare(uint64 datasetId, uint32 version, address token) external view returns (uint256) {
        return _revenuePerShare[_versionKey(datasetId, version)][token];
    }

    /// @inheritdoc IPlazaRevenue
    function revenueReleased(uint64 datasetId, uint32 version, address token, address account)
        external
        view
        returns (uint256)
    {
        return _payouts[_versionKey(datasetId, version)][token][account].released;
    }

    /// @inheritdoc IPlazaRevenue
    function claimableRevenue(uint64 datasetId, uint32 version, address token, address account)
        external
        view
        returns (uint256)
    {
        uint256 key = _versionKey(datasetId, version);
        uint256 entitled = _entitled(_holders[key][account].shares, _revenuePerShare[key][token]);
        return entitled - _payouts[key][token][account].released;
    }

    /// @inheritdoc IPlazaRevenue
    function creditOf(address account, address token) external view returns (uint256) {
        Credit storage credit = _credits[account][token];
        return credit.earned - credit.withdrawn;
    }

    /// @dev Marks what `account` is owed by one version as paid and returns it (0 when nothing is owed).
    function _release(uint64 datasetId, uint32 version, address token, address account)
        internal
        returns (uint256 amount)
    {
        uint256 key = _versionKey(datasetId, version);
        Payout storage payout = _payouts[key][token][account];
        uint256 shares = payout.shares;
        if (shares == 0) {
            shares = _holders[key][account].shares;
            if (shares == 0) return 0;
            payout.shares = uint96(shares);
        }
        uint256 entitled = _entitled(shares, _revenuePerShare[key][token]);
        uint256 released = payout.released;
        if (entitled > released) {
            // unchecked: guarded by the comparison above.
            unchecked {
                amount = entitled - released;
            }
            // entitled <= total credited to the version in this token < 2^160 in any real token.
            payout.released = SafeCast.toUint160(entitled);
            emit RevenueClaimed(datasetId, version, account, token, amount);
        }
    }

    /// @dev Everything the version's unclaimed shares were ever owed. Only read after the claim deadline,
    /// when `totalShares - claimedShares` can no longer change; with the holders' entitlements it sums to
    /// at most `totalShares * acc / 2^128`, i.e. what was credited.
    function _sweepOwed(Version storage v, uint256 acc) private view returns (uint256) {
        return _entitled(v.totalShares - v.claimedShares, acc);
    }

    /// @dev Everything a holder of `shares` was ever owed at accumulator `acc`. Non-decreasing: shares
    /// never change once claimed and the accumulator never decreases. Cannot overflow while the revenue
    /// ever credited to the version in the token stays below 2^128 units (shares * acc <= total * acc,
    /// which is at most that revenue times 2^128); past it the checked multiplication reverts.
    function _entitled(uint256 shares, uint256 acc) internal pure returns (uint256) {
        return (shares * acc) >> 128;
    }

    /// @dev Makes an account's credit slot non-zero without crediting anything (earned = withdrawn = 1),
    /// so that the first real credit is a warm write.
    function _warmCredit(address account, address token) internal {
        Credit storage credit = _credits[account][token];
        if (credit.earned == 0) {
            credit.earned = 1;
            credit.withdrawn = 1;
        }
    }

    /// @dev Adds to an account's withdrawable credit.
    function _accrueCredit(address account, address token, uint256 amount) internal {
        Credit storage credit = _credits[account][token];
        // Reverts only past 2^128 units ever credited to one account in one token.
        credit.earned = SafeCast.toUint128(credit.earned + amount);
        emit CreditAccrued(account, token, amount);
    }
}
