// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IPlazaLicenses} from "./interfaces/IPlazaLicenses.sol";
import {PlazaProposals} from "./PlazaProposals.sol";

/// @title PlazaLicenses
/// @notice License proposals with the price in escrow, settlement by anyone, and readable licenses.
/// @dev Votes and the shared proposal rules live in {PlazaProposals}; this contract takes the payment
/// in, settles license and sweep proposals, and answers who holds a license.
abstract contract PlazaLicenses is PlazaProposals {
    using SafeERC20 for IERC20;

    /// @notice Gas forwarded to the token when a refund is pushed; past it the refund becomes a credit.
    uint256 public constant REFUND_GAS = 150_000;

    /// @dev When the buyer's licenses to a version end; 1 once the buyer has proposed (so settlement
    /// writes a non-zero slot), 0 before.
    mapping(address buyer => mapping(uint256 versionKey => uint256)) internal _licenseExpiry;

    /// @inheritdoc IPlazaLicenses
    function proposeLicense(
        uint64 datasetId,
        uint32 version,
        address token,
        uint96 price,
        uint40 duration,
        bytes32 termsHash
    ) external nonReentrant returns (uint64 proposalId) {
        (Dataset storage dataset, Version storage v) = _openVersion(datasetId, version);
        uint96 reserve = _reservePrices[datasetId][token];
        if (reserve == 0) revert PlazaTokenNotAllowed(datasetId, token);
        uint40 maxDuration = dataset.maxLicenseDuration;
        if (duration == 0 || duration > maxDuration) revert PlazaInvalidDuration(duration, maxDuration);
        if (price < reserve) revert PlazaPriceBelowReserve(price, reserve);

        _pullExactly(token, price);
        Proposal memory p = _newProposal(dataset, v, datasetId, version);
        p.escrow = price;
        p.feeBps = dataset.feeBps;
        p.buyer = msg.sender;
        p.duration = duration;
        p.token = token;
        p.termsHash = termsHash;
        proposalId = _store(p);
        // Warm the slots that settlement writes, so that settling costs the same whatever came before.
        uint256 key = _versionKey(datasetId, version);
        if (_revenuePerShare[key][token] == 0) _revenuePerShare[key][token] = 1;
        if (_licenseExpiry[msg.sender][key] == 0) _licenseExpiry[msg.sender][key] = 1;
        if (p.feeBps != 0) _warmCredit(dataset.feeRecipient, token);
        _emitProposed(proposalId, p);
    }

    /// @inheritdoc IPlazaLicenses
    function settle(uint64 proposalId) external nonReentrant returns (bool approved) {
        Proposal storage p = _proposals[proposalId];
        ProposalStatus status = p.status;
        if (status != ProposalStatus.Open) {
            if (status == ProposalStatus.None) revert PlazaUnknownProposal(proposalId);
            revert PlazaProposalSettled(proposalId);
        }
        uint256 forVotes = p.forVotes;
        uint256 againstVotes = p.againstVotes;
        uint256 total = p.totalShares;
        bool quorumReached = (forVotes + againstVotes) * 10_000 >= total * p.quorumBps;
        if (2 * forVotes > total) {
            approved = true;
        } else if (2 * againstVotes < total) {
            // Not decided early: wait for the deadline.
            uint40 voteEnd = p.voteEnd;
            if (block.timestamp < voteEnd) revert PlazaVotingNotEnded(proposalId, voteEnd);
            approved = quorumReached && forVotes > againstVotes;
        }

        if (p.duration == 0) _settleSweepTo(p, proposalId, approved, quorumReached);
        else if (approved) _approve(p, proposalId, total);
        else _refund(p, proposalId, quorumReached);
    }

    /// @inheritdoc IPlazaLicenses
    function getLicense(uint64 proposalId) external view returns (License memory) {
        Proposal storage p = _proposals[proposalId];
        uint40 expiresAt = p.expiresAt;
        return License({
            buyer: p.buyer,
            datasetId: p.datasetId,
            version: p.version,
            termsHash: p.termsHash,
            startsAt: expiresAt == 0 ? 0 : expiresAt - p.duration,
            expiresAt: expiresAt
        });
    }

    /// @inheritdoc IPlazaLicenses
    function hasValidLicense(address buyer, uint64 datasetId, uint32 version) external view returns (bool) {
        return _licenseExpiry[buyer][_versionKey(datasetId, version)] > block.timestamp;
    }

    /// @inheritdoc IPlazaLicenses
    function licenseExpiry(address buyer, uint64 datasetId, uint32 version) external view returns (uint40) {
        uint256 expiry = _licenseExpiry[buyer][_versionKey(datasetId, version)];
        return expiry > 1 ? uint40(expiry) : 0;
    }

    /// @dev Settles an approved license: it starts now, or when the buyer's licenses to the version end
    /// (licenses stack), and the escrow, less the fee, is added to the version's accumulator for the token.
    function _approve(Proposal storage p, uint64 proposalId, uint256 total) private {
        p.status = ProposalStatus.Approved;
        address buyer = p.buyer;
        uint64 datasetId = p.datasetId;
        uint256 key = _versionKey(datasetId, p.version);
        // Branchless max and min: settling costs the same whether or not the buyer's licenses still run.
        uint256 startsAt = Math.max(_licenseExpiry[buyer][key], block.timestamp);
        // Clamped to 40 bits (year 36812) rather than reverting, so settlement is always possible.
        uint40 expiresAt = uint40(Math.min(startsAt + p.duration, type(uint40).max));
        p.expiresAt = expiresAt;
        _licenseExpiry[buyer][key] = expiresAt;
        address token = p.token;
        uint256 escrow = p.escrow;
        uint256 fee = escrow * p.feeBps / 10_000;
        uint256 revenue;
        // unchecked: feeBps <= MAX_FEE_BPS < 10,000, so fee <= escrow.
        unchecked {
            revenue = escrow - fee;
        }
        // revenue < 2^96, so the shift cannot overflow; the sum is checked.
        uint256 acc = _revenuePerShare[key][token] + (revenue << 128) / total;
        _revenuePerShare[key][token] = acc;
        if (fee != 0) _accrueCredit(_datasets[datasetId].feeRecipient, token, fee);
        emit LicenseApproved(proposalId, buyer, uint40(startsAt), expiresAt, revenue, fee, acc);
    }

    /// @dev Settles a rejected or expired license: the escrow goes back to the buyer, pushed when the
    /// token lets it through, credited otherwise.
    function _refund(Proposal storage p, uint64 proposalId, bool quorumReached) private {
        p.status = ProposalStatus.Refunded;
        address buyer = p.buyer;
        address token = p.token;
        uint256 escrow = p.escrow;
        bool pushed = _tryPush(token, buyer, escrow);
        if (!pushed) _accrueCredit(buyer, token, escrow);
        emit LicenseRefunded(proposalId, buyer, escrow, quorumReached, pushed);
    }

    /// @dev Settles a sweep proposal: when approved, the version's unclaimed revenue goes to its
    /// destination from now on.
    function _settleSweepTo(Proposal storage p, uint64 proposalId, bool approved, bool quorumReached) private {
        if (!approved) {
            p.status = ProposalStatus.Rejected;
            emit SweepToRejected(proposalId, quorumReached);
            return;
        }
        p.status = ProposalStatus.Approved;
        uint64 datasetId = p.datasetId;
        uint32 version = p.version;
        address destination = p.token;
        _versions[_versionKey(datasetId, version)].sweepTo = destination;
        emit SweepToApproved(proposalId, datasetId, version, destination);
    }

    /// @dev Split out of {proposeLicense} to keep its stack shallow.
    function _emitProposed(uint64 proposalId, Proposal memory p) private {
        emit LicenseProposed(
            proposalId,
            p.datasetId,
            p.version,
            p.buyer,
            p.token,
            p.escrow,
            p.duration,
            p.voteEnd - p.votingPeriod,
            p.voteEnd,
            p.termsHash,
            p.seq
        );
    }

    /// @dev Pulls `price` from the caller and checks, by balance differences on both sides, that exactly
    /// `price` left the buyer and arrived here: fee-on-transfer tokens (either side pays the fee) and
    /// tokens whose balances move otherwise are refused, as the escrow, the accumulators and every later
    /// payout assume transfers move what they say. The caller holds the reentrancy lock, so no nested
    /// deposit can distort the differences.
    function _pullExactly(address token, uint96 price) private {
        IERC20 t = IERC20(token);
        uint256 before = t.balanceOf(address(this));
        uint256 payerBefore = t.balanceOf(msg.sender);
        t.safeTransferFrom(msg.sender, address(this), price);
        uint256 afterThis = t.balanceOf(address(this));
        uint256 payerAfter = t.balanceOf(msg.sender);
        uint256 received = afterThis > before ? afterThis - before : 0;
        uint256 paid = payerBefore > payerAfter ? payerBefore - payerAfter : 0;
        if (received != price || paid != price) revert PlazaTransferNotExact(token, price, received, paid);
    }

    /// @dev Tries `token.transfer(to, amount)` with at most REFUND_GAS and without copying more than one
    /// word of return data, so neither a reverting recipient, a gas-burning one, nor a return-data bomb
    /// can make settlement fail. Success means the call succeeded and returned `true`, or returned
    /// nothing from a contract (tokens without a return value).
    function _tryPush(address token, address to, uint256 amount) private returns (bool ok) {
        bytes4 selector = IERC20.transfer.selector;
        uint256 gasLimit = REFUND_GAS;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 0x04), to)
            mstore(add(ptr, 0x24), amount)
            ok := call(gasLimit, token, 0, ptr, 0x44, 0x00, 0x20)
            switch returndatasize()
            case 0 { ok := and(ok, gt(extcodesize(token), 0)) }
            default { ok := and(ok, and(gt(returndatasize(), 0x1f), eq(mload(0x00), 1))) }
        }
    }
}
