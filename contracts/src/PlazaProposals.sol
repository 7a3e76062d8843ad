// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPlazaLicenses} from "./interfaces/IPlazaLicenses.sol";
import {PlazaRevenue} from "./PlazaRevenue.sol";

/// @title PlazaProposals
/// @notice Proposals and their votes: every proposal pins a version, opens for votes after the dataset's
/// voting delay and stays open for its voting period, and records each holder's vote exactly.
/// @dev A proposal is decided early when more than half of the version's total shares vote one way
/// (for: approved; against: it can no longer pass). Otherwise, at the deadline it passes when
/// for + against reaches the quorum and for > against. Settlement lives in {PlazaLicenses}.
abstract contract PlazaProposals is PlazaRevenue, IPlazaLicenses {
    uint64 internal _proposalCount;
    mapping(uint64 proposalId => Proposal) internal _proposals;

    /// @inheritdoc IPlazaLicenses
    function proposeSweepTo(uint64 datasetId, uint32 version, address destination)
        external
        returns (uint64 proposalId)
    {
        if (destination == address(0)) revert PlazaZeroAddress();
        (Dataset storage dataset, Version storage v) = _openVersion(datasetId, version);
        if (_holders[_versionKey(datasetId, version)][msg.sender].shares == 0) {
            revert PlazaNotHolder(datasetId, version, msg.sender);
        }
        Proposal memory p = _newProposal(dataset, v, datasetId, version);
        p.buyer = msg.sender;
        p.token = destination;
        proposalId = _store(p);
        emit SweepToProposed(
            proposalId, datasetId, version, msg.sender, destination, p.voteEnd - p.votingPeriod, p.voteEnd, p.seq
        );
    }

    /// @inheritdoc IPlazaLicenses
    function vote(uint64 proposalId, bool support) external {
        Proposal storage p = _proposals[proposalId];
        _requireVoting(p, proposalId);
        uint256 key = _versionKey(p.datasetId, p.version);
        _recordVote(p, proposalId, key, _holders[key][msg.sender], support);
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
        // The proposal exists, so its version is open: no status check needed before claiming.
        if (holder.shares == 0) _claim(_versions[key], holder, datasetId, version, index, msg.sender, amount, proof);
        _recordVote(p, proposalId, key, holder, support);
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
        if (status == ProposalStatus.Rejected) return ProposalOutcome.Rejected;
        uint256 forVotes = p.forVotes;
        uint256 againstVotes = p.againstVotes;
        uint256 total = p.totalShares;
        if (2 * forVotes > total) return ProposalOutcome.Passed;
        if (2 * againstVotes >= total) return ProposalOutcome.Failed;
        if (block.timestamp < p.voteEnd - p.votingPeriod) return ProposalOutcome.Pending;
        if (block.timestamp < p.voteEnd) return ProposalOutcome.Voting;
        bool passed = (forVotes + againstVotes) * 10_000 >= total * p.quorumBps && forVotes > againstVotes;
        return passed ? ProposalOutcome.Passed : ProposalOutcome.Failed;
    }

    /// @inheritdoc IPlazaLicenses
    function hasVoted(uint64 proposalId, address account) external view returns (bool) {
        Proposal storage p = _proposals[proposalId];
        uint256 seq = p.seq;
        if (seq == 0) return false;
        uint256 key = _versionKey(p.datasetId, p.version);
        if (seq <= _SLOT_VOTES) return (_holders[key][account].votes >> (seq - 1)) & 1 == 1;
        uint256 i = seq - _SLOT_VOTES - 1;
        return (_voteWords[key][account][i >> 8] >> (i & 255)) & 1 == 1;
    }

    /// @dev The dataset and version a new proposal pins, or a revert: the dataset must exist and the
    /// version must be open (its timelock over, not revoked).
    function _openVersion(uint64 datasetId, uint32 version)
        internal
        view
        returns (Dataset storage dataset, Version storage v)
    {
        dataset = _datasets[datasetId];
        if (dataset.publisher == address(0)) revert PlazaUnknownDataset(datasetId);
        v = _versions[_versionKey(datasetId, version)];
        if (!_isOpen(v)) revert PlazaVersionNotActive(datasetId, version);
    }

    /// @dev A proposal with the vote rules of the dataset and the version's next sequence number.
    function _newProposal(Dataset storage dataset, Version storage v, uint64 datasetId, uint32 version)
        internal
        returns (Proposal memory p)
    {
        uint32 period = dataset.votingPeriod;
        p.voteEnd = uint40(block.timestamp) + dataset.votingDelay + period;
        p.votingPeriod = period;
        p.status = ProposalStatus.Open;
        p.quorumBps = dataset.quorumBps;
        p.totalShares = v.totalShares;
        p.datasetId = datasetId;
        p.version = version;
        p.seq = ++v.proposalCount;
    }

    /// @dev Stores a new proposal under the next id.
    function _store(Proposal memory p) internal returns (uint64 proposalId) {
        proposalId = ++_proposalCount;
        _proposals[proposalId] = p;
    }

    /// @dev Reverts unless the proposal is open for votes: known, unsettled, past its voting delay,
    /// before its deadline and not yet decided by an absolute majority.
    function _requireVoting(Proposal storage p, uint64 proposalId) private view {
        ProposalStatus status = p.status;
        if (status != ProposalStatus.Open) {
            if (status == ProposalStatus.None) revert PlazaUnknownProposal(proposalId);
            revert PlazaProposalSettled(proposalId);
        }
        uint40 voteEnd = p.voteEnd;
        uint256 total = p.totalShares;
        if (block.timestamp >= voteEnd || 2 * uint256(p.forVotes) > total || 2 * uint256(p.againstVotes) >= total) {
            revert PlazaVotingClosed(proposalId);
        }
        // voteEnd > votingPeriod: both were set together, voteEnd = proposal time + delay + period.
        uint40 voteStart = voteEnd - p.votingPeriod;
        if (block.timestamp < voteStart) revert PlazaVotingNotStarted(proposalId, voteStart);
    }

    /// @dev Records one vote per (proposal, holder) and adds its weight. Each of the version's proposals
    /// has its own bit (its sequence number), so a vote on any proposal never affects another: the
    /// first {_SLOT_VOTES} in the holder's share slot (a vote writes a slot that is already non-zero),
    /// later ones in words of 256 (the first vote in each word writes a fresh slot).
    function _recordVote(Proposal storage p, uint64 proposalId, uint256 key, Holder storage holder, bool support)
        private
    {
        uint96 weight = holder.shares;
        if (weight == 0) revert PlazaNoShares(proposalId, msg.sender);
        uint256 seq = p.seq;
        if (seq <= _SLOT_VOTES) {
            uint160 votes = holder.votes;
            uint160 mask = uint160(1 << (seq - 1));
            if (votes & mask != 0) revert PlazaAlreadyVoted(proposalId, msg.sender);
            holder.votes = votes | mask;
        } else {
            // unchecked: seq > _SLOT_VOTES.
            uint256 i;
            unchecked {
                i = seq - _SLOT_VOTES - 1;
            }
            mapping(uint256 => uint256) storage words = _voteWords[key][msg.sender];
            uint256 word = words[i >> 8];
            uint256 mask = 1 << (i & 255);
            if (word & mask != 0) revert PlazaAlreadyVoted(proposalId, msg.sender);
            words[i >> 8] = word | mask;
        }
        // unchecked: the tallies sum claimed shares, which never exceed the version's 96-bit total.
        unchecked {
            if (support) p.forVotes += weight;
            else p.againstVotes += weight;
        }
        emit VoteCast(proposalId, msg.sender, support, weight);
    }
}
