// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IPlazaLicenses} from "./interfaces/IPlazaLicenses.sol";
import {PlazaRevenue} from "./PlazaRevenue.sol";

/// @title PlazaLicenses
/// @notice License proposals with escrow, share-weighted votes by the holders of the pinned version, and
/// settlement by anyone.
/// @dev A proposal is decided early when more than half of the version's total shares vote one way
/// (for: approved; against: it can no longer pass). Otherwise, at the deadline it passes when
/// for + against reaches the quorum and for > against.
abstract contract PlazaLicenses is PlazaRevenue, IPlazaLicenses {
    using EnumerableSet for EnumerableSet.AddressSet;
    using SafeERC20 for IERC20;

    /// @notice Gas forwarded to the token when a refund is pushed; past it the refund becomes a credit.
    uint256 public constant REFUND_GAS = 150_000;

    /// @dev Width of a holder's vote window (bits of {Holder-voteBits}).
    uint256 private constant _VOTE_WINDOW = 128;

    uint64 internal _proposalCount;
    mapping(uint64 proposalId => Proposal) internal _proposals;
    /// @dev Latest expiry of the buyer's approved licenses per version; 1 once the buyer has proposed
    /// (so settlement writes a non-zero slot), 0 before.
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
        Dataset storage dataset = _datasets[datasetId];
        if (dataset.publisher == address(0)) revert PlazaUnknownDataset(datasetId);
        uint256 key = _versionKey(datasetId, version);
        Version storage v = _versions[key];
        if (v.status != VersionStatus.Active) revert PlazaVersionNotActive(datasetId, version);
        if (!_paymentTokens[datasetId].contains(token)) revert PlazaTokenNotAllowed(datasetId, token);
        if (duration == 0 || duration > dataset.maxLicenseDuration) {
            revert PlazaInvalidDuration(duration, dataset.maxLicenseDuration);
        }
        if (price < dataset.reservePrice) revert PlazaPriceBelowReserve(price, dataset.reservePrice);

        Proposal memory p;
        p.escrow = _pullEscrow(token, price, dataset.reservePrice);
        p.voteEnd = uint40(block.timestamp) + dataset.votingPeriod;
        p.status = ProposalStatus.Open;
        p.quorumBps = dataset.quorumBps;
        p.totalShares = v.totalShares;
        p.datasetId = datasetId;
        p.version = version;
        p.seq = ++v.proposalCount;
        p.feeBps = dataset.feeBps;
        p.buyer = msg.sender;
        p.duration = duration;
        p.token = token;
        p.termsHash = termsHash;
        proposalId = ++_proposalCount;
        _proposals[proposalId] = p;
        // Warm the slots that settlement writes, so that settling costs the same whatever came before.
        if (_revenuePerShare[key][token] == 0) _revenuePerShare[key][token] = 1;
        if (_licenseExpiry[msg.sender][key] == 0) _licenseExpiry[msg.sender][key] = 1;
        if (p.feeBps != 0) _warmCredit(dataset.feeRecipient, token);
        _emitProposed(proposalId, p);
    }

    /// @inheritdoc IPlazaLicenses
    function vote(uint64 proposalId, bool support) external {
        Proposal storage p = _proposals[proposalId];
        _requireVoting(p, proposalId);
        _recordVote(p, proposalId, _holders[_versionKey(p.datasetId, p.version)][msg.sender], support);
    }

    /// @inheritdoc IPlazaLicenses
    function voteWithProof(
        uint64 proposalId,
        bool support,
        uint32 index,
        uint96 amount,
        bytes32[] calldata proof
    ) external {
        Proposal storage p = _proposals[proposalId];
        _requireVoting(p, proposalId);
        uint64 datasetId = p.datasetId;
        uint32 version = p.version;
        uint256 key = _versionKey(datasetId, version);
        Holder storage holder = _holders[key][msg.sender];
        // The proposal exists, so its version is active: no status check needed before claiming.
        if (holder.shares == 0) _claim(_versions[key], holder, datasetId, version, index, msg.sender, amount, proof);
        _recordVote(p, proposalId, holder, support);
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

        if (approved) _approve(p, proposalId, total);
        else _refund(p, proposalId, quorumReached);
    }

    /// @inheritdoc IPlazaLicenses
    function proposalCount() external view returns (uint64) {
        return _proposalCount;
    }

    /// @inheritdoc IPlazaLicenses
    function getProposal(uint64 proposalId) external view returns (Proposal memory) {
        return _proposals[proposalId];
    }

    /// @inheritdoc IPlazaLicenses
    function proposalOutcome(uint64 proposalId) external view returns (ProposalOutcome) {
        Proposal storage p = _proposals[proposalId];
        ProposalStatus status = p.status;
        if (status == ProposalStatus.None) return ProposalOutcome.None;
        if (status == ProposalStatus.Approved) return ProposalOutcome.Approved;
        if (status == ProposalStatus.Refunded) return ProposalOutcome.Refunded;
        uint256 forVotes = p.forVotes;
        uint256 againstVotes = p.againstVotes;
        uint256 total = p.totalShares;
        if (2 * forVotes > total) return ProposalOutcome.Passed;
        if (2 * againstVotes >= total) return ProposalOutcome.Failed;
        if (block.timestamp < p.voteEnd) return ProposalOutcome.Voting;
        bool passed = (forVotes + againstVotes) * 10_000 >= total * p.quorumBps && forVotes > againstVotes;
        return passed ? ProposalOutcome.Passed : ProposalOutcome.Failed;
    }

    /// @inheritdoc IPlazaLicenses
    function hasVoted(uint64 proposalId, address account) external view returns (bool) {
        Proposal storage p = _proposals[proposalId];
        Holder storage holder = _holders[_versionKey(p.datasetId, p.version)][account];
        uint256 seq = p.seq;
        uint256 top = holder.voteTop;
        if (seq == 0 || seq > top || top - seq >= _VOTE_WINDOW) return false;
        return (holder.voteBits >> (top - seq)) & 1 == 1;
    }

    /// @inheritdoc IPlazaLicenses
    function getLicense(uint64 proposalId) external view returns (License memory) {
        Proposal storage p = _proposals[proposalId];
        return License({
            buyer: p.buyer,
            datasetId: p.datasetId,
            version: p.version,
            termsHash: p.termsHash,
            expiresAt: p.expiresAt
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

    /// @dev Settles an approved proposal: the license starts now and the escrow, less the fee, is added
    /// to the version's accumulator for the token.
    function _approve(Proposal storage p, uint64 proposalId, uint256 total) private {
        p.status = ProposalStatus.Approved;
        uint40 expiresAt = uint40(block.timestamp) + p.duration;
        p.expiresAt = expiresAt;
        address buyer = p.buyer;
        uint64 datasetId = p.datasetId;
        uint256 key = _versionKey(datasetId, p.version);
        if (_licenseExpiry[buyer][key] < expiresAt) _licenseExpiry[buyer][key] = expiresAt;
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
        emit LicenseApproved(proposalId, buyer, expiresAt, revenue, fee, acc);
    }

    /// @dev Settles a rejected or expired proposal: the escrow goes back to the buyer, pushed when the
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

    /// @dev Split out of {proposeLicense} to keep its stack shallow.
    function _emitProposed(uint64 proposalId, Proposal memory p) private {
        emit LicenseProposed(
            proposalId, p.datasetId, p.version, p.buyer, p.token, p.escrow, p.duration, p.voteEnd, p.termsHash, p.seq
        );
    }

    /// @dev Reverts unless the proposal is open for votes: known, unsettled, before its deadline and not
    /// yet decided by an absolute majority.
    function _requireVoting(Proposal storage p, uint64 proposalId) private view {
        ProposalStatus status = p.status;
        if (status != ProposalStatus.Open) {
            if (status == ProposalStatus.None) revert PlazaUnknownProposal(proposalId);
            revert PlazaProposalSettled(proposalId);
        }
        uint256 total = p.totalShares;
        if (block.timestamp >= p.voteEnd || 2 * uint256(p.forVotes) > total || 2 * uint256(p.againstVotes) >= total) {
            revert PlazaVotingClosed(proposalId);
        }
    }

    /// @dev Records one vote per (proposal, holder) in the holder's window and adds its weight.
    /// The window holds the newest 128 sequence numbers up to `voteTop`: voting on a newer proposal
    /// slides it forward; voting on one that slid out reverts, so no proposal is ever voted twice.
    function _recordVote(Proposal storage p, uint64 proposalId, Holder storage holder, bool support) private {
        uint96 weight = holder.shares;
        if (weight == 0) revert PlazaNoShares(proposalId, msg.sender);
        uint32 seq = p.seq;
        uint32 top = holder.voteTop;
        uint256 bits = holder.voteBits;
        if (seq > top) {
            uint256 shift = seq - top;
            bits = (shift >= _VOTE_WINDOW ? 0 : bits << shift) | 1;
            holder.voteTop = seq;
        } else {
            uint256 distance = top - seq;
            if (distance >= _VOTE_WINDOW) revert PlazaVoteOutsideWindow(proposalId, msg.sender, top);
            uint256 mask = 1 << distance;
            if (bits & mask != 0) revert PlazaAlreadyVoted(proposalId, msg.sender);
            bits |= mask;
        }
        // Truncation drops the bits of proposals that slid out of the window.
        holder.voteBits = uint128(bits);
        // unchecked: the tallies sum claimed shares, which never exceed the version's 96-bit total.
        unchecked {
            if (support) p.forVotes += weight;
            else p.againstVotes += weight;
        }
        emit VoteCast(proposalId, msg.sender, support, weight);
    }

    /// @dev Pulls `price` from the caller and returns what actually arrived (by balance difference), which
    /// must still meet the reserve. The caller holds the reentrancy lock, so no nested deposit can inflate
    /// the difference.
    function _pullEscrow(address token, uint96 price, uint96 reserve) private returns (uint96) {
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), price);
        uint256 received = IERC20(token).balanceOf(address(this)) - before;
        if (received < reserve) revert PlazaPriceBelowReserve(received, reserve);
        if (received > type(uint96).max) revert PlazaEscrowTooLarge(received);
        return uint96(received);
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
