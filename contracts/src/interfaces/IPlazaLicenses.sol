// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IPlazaLicenses
/// @notice Proposals voted on by the holders of the pinned version (weighted by shares), after a voting
/// delay and for a voting period, settled by anyone. A license proposal holds its price in escrow:
/// approved → revenue for the version's holders and a readable license; rejected or expired → the escrow
/// goes back to the buyer. A sweep proposal (made by a holder) chooses where the version's unclaimed
/// shares' revenue goes after its claim deadline.
/// @dev Every holder's vote on every proposal of its version is recorded exactly (a bit per proposal), so
/// voting on any open proposal, in any order, is always possible.
interface IPlazaLicenses {
    /// @notice Stored status of a proposal.
    enum ProposalStatus {
        None,
        Open,
        Approved,
        Refunded,
        Rejected
    }

    /// @notice Where a proposal stands now, derived from its status, tallies and the clock.
    /// `Pending`: its voting delay runs; `Rejected`: a sweep proposal settled without passing.
    enum ProposalOutcome {
        None,
        Voting,
        Passed,
        Failed,
        Approved,
        Refunded,
        Pending,
        Rejected
    }

    /// @notice A proposal, as stored (five slots; the first is the only one a vote writes). A sweep
    /// proposal has `duration` 0, no escrow, its proposer in `buyer` and the destination in `token`.
    /// @dev Voting opens at `voteEnd - votingPeriod`. `expiresAt` is zero until a license is approved.
    struct Proposal {
        uint96 forVotes;
        uint96 againstVotes;
        uint40 voteEnd;
        ProposalStatus status;
        uint16 quorumBps;
        uint96 totalShares;
        uint64 datasetId;
        uint32 version;
        uint32 seq;
        uint32 votingPeriod;
        address buyer;
        uint40 duration;
        uint40 expiresAt;
        uint16 feeBps;
        address token;
        uint96 escrow;
        bytes32 termsHash;
    }

    /// @notice What the coordinator reads to gate downloads. A buyer's licenses to one version run one
    /// after another: each starts when the buyer's previous one ends (or at approval, if that is later).
    struct License {
        address buyer;
        uint64 datasetId;
        uint32 version;
        bytes32 termsHash;
        uint40 startsAt;
        uint40 expiresAt;
    }

    /// @notice Emitted when a buyer proposes a license and its payment is escrowed.
    /// @param proposalId The proposal (and, once approved, license) id.
    /// @param datasetId The dataset.
    /// @param version The version pinned for the vote and the license.
    /// @param buyer The buyer.
    /// @param token The payment token.
    /// @param escrow The amount received into escrow (by balance difference).
    /// @param duration The license duration asked for, in seconds.
    /// @param voteStart When voting opens (after the dataset's voting delay).
    /// @param voteEnd When voting closes.
    /// @param termsHash Hash of the license terms.
    /// @param seq The proposal's sequence number within the version.
    event LicenseProposed(
        uint64 indexed proposalId,
        uint64 indexed datasetId,
        uint32 indexed version,
        address buyer,
        address token,
        uint96 escrow,
        uint40 duration,
        uint40 voteStart,
        uint40 voteEnd,
        bytes32 termsHash,
        uint32 seq
    );

    /// @notice Emitted when a holder proposes a sweep destination for a version.
    /// @param proposalId The proposal.
    /// @param datasetId The dataset.
    /// @param version The version whose holders vote and whose unclaimed revenue it directs.
    /// @param proposer The holder.
    /// @param destination Where the version's unclaimed shares' revenue would go.
    /// @param voteStart When voting opens.
    /// @param voteEnd When voting closes.
    /// @param seq The proposal's sequence number within the version.
    event SweepToProposed(
        uint64 indexed proposalId,
        uint64 indexed datasetId,
        uint32 indexed version,
        address proposer,
        address destination,
        uint40 voteStart,
        uint40 voteEnd,
        uint32 seq
    );

    /// @notice Emitted when a sweep proposal passes: the version's sweep destination changes.
    /// @param proposalId The proposal.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param destination The new destination.
    event SweepToApproved(
        uint64 indexed proposalId, uint64 indexed datasetId, uint32 indexed version, address destination
    );

    /// @notice Emitted when a sweep proposal is settled without passing.
    /// @param proposalId The proposal.
    /// @param quorumReached Whether the vote reached quorum.
    event SweepToRejected(uint64 indexed proposalId, bool quorumReached);

    /// @notice Emitted when a holder votes.
    /// @param proposalId The proposal.
    /// @param voter The holder.
    /// @param support True for, false against.
    /// @param weight The holder's shares in the pinned version.
    event VoteCast(uint64 indexed proposalId, address indexed voter, bool support, uint96 weight);

    /// @notice Emitted when an approved proposal is settled: the license starts and the revenue is credited.
    /// @param proposalId The proposal (license) id.
    /// @param buyer The licensee.
    /// @param startsAt When the license starts: now, or when the buyer's previous license ends.
    /// @param expiresAt When the license ends (`startsAt + duration`).
    /// @param revenue The amount credited to the version's holders.
    /// @param fee The protocol fee credited to the fee recipient.
    /// @param revenuePerShare The version's accumulator for the token after the credit (Q128).
    event LicenseApproved(
        uint64 indexed proposalId,
        address indexed buyer,
        uint40 startsAt,
        uint40 expiresAt,
        uint256 revenue,
        uint256 fee,
        uint256 revenuePerShare
    );

    /// @notice Emitted when a rejected or expired proposal is settled and the escrow returned.
    /// @param proposalId The proposal.
    /// @param buyer The buyer.
    /// @param amount The escrow returned.
    /// @param quorumReached Whether the vote reached quorum (false: expired without quorum).
    /// @param pushed True when sent to the buyer; false when credited for {withdrawCredit} instead.
    event LicenseRefunded(
        uint64 indexed proposalId, address indexed buyer, uint256 amount, bool quorumReached, bool pushed
    );

    /// @notice The token is not allowed for this dataset.
    /// @param datasetId The dataset.
    /// @param token The token.
    error PlazaTokenNotAllowed(uint64 datasetId, address token);

    /// @notice The license duration is 0 or above the dataset's maximum.
    /// @param duration The duration asked for.
    /// @param maxDuration The dataset's maximum.
    error PlazaInvalidDuration(uint40 duration, uint40 maxDuration);

    /// @notice The price is below the dataset's reserve price for the token.
    /// @param amount The price.
    /// @param reservePrice The reserve price.
    error PlazaPriceBelowReserve(uint256 amount, uint96 reservePrice);

    /// @notice The token did not move exactly the price: Plaza refuses fee-on-transfer, rebasing and
    /// other tokens whose transfers do not move the amount asked, as its accounting would not hold.
    /// @param token The token.
    /// @param price The amount asked.
    /// @param received What arrived in escrow.
    /// @param paid What left the buyer.
    error PlazaTransferNotExact(address token, uint256 price, uint256 received, uint256 paid);

    /// @notice No proposal has this id.
    /// @param proposalId The id given.
    error PlazaUnknownProposal(uint64 proposalId);

    /// @notice The proposal has already been settled.
    /// @param proposalId The proposal.
    error PlazaProposalSettled(uint64 proposalId);

    /// @notice Voting has not opened yet (the voting delay runs).
    /// @param proposalId The proposal.
    /// @param voteStart When it opens.
    error PlazaVotingNotStarted(uint64 proposalId, uint40 voteStart);

    /// @notice Voting has ended (deadline passed or outcome already decided by an absolute majority).
    /// @param proposalId The proposal.
    error PlazaVotingClosed(uint64 proposalId);

    /// @notice The proposal cannot be settled yet: voting is still open and undecided.
    /// @param proposalId The proposal.
    /// @param voteEnd When voting closes.
    error PlazaVotingNotEnded(uint64 proposalId, uint40 voteEnd);

    /// @notice The account holds no claimed shares in the proposal's version.
    /// @param proposalId The proposal.
    /// @param account The account.
    error PlazaNoShares(uint64 proposalId, address account);

    /// @notice The account has already voted on this proposal.
    /// @param proposalId The proposal.
    /// @param account The account.
    error PlazaAlreadyVoted(uint64 proposalId, address account);

    /// @notice Only holders with claimed shares in the version may propose a sweep destination.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param account The caller.
    error PlazaNotHolder(uint64 datasetId, uint32 version, address account);

    /// @notice Proposes a license for an open version and escrows the price (pulled with
    /// `transferFrom`; approve this contract first). Voting opens after the dataset's voting delay.
    /// @param datasetId The dataset.
    /// @param version The version; its holders vote and its accumulator receives the revenue.
    /// @param token An allowed payment token.
    /// @param price The amount to escrow, at least the token's reserve price; exactly this must move.
    /// @param duration The license duration in seconds, at most the dataset's maximum.
    /// @param termsHash Hash of the license terms.
    /// @return proposalId The new proposal's id.
    function proposeLicense(
        uint64 datasetId,
        uint32 version,
        address token,
        uint96 price,
        uint40 duration,
        bytes32 termsHash
    ) external returns (uint64 proposalId);

    /// @notice Proposes where the version's unclaimed shares' revenue goes after its claim deadline
    /// (replacing the dataset's default or an earlier choice). Holders of the version with claimed
    /// shares only; decided by the version's holders like a license, without escrow.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @param destination The proposed destination.
    /// @return proposalId The new proposal's id.
    function proposeSweepTo(uint64 datasetId, uint32 version, address destination)
        external
        returns (uint64 proposalId);

    /// @notice Votes with the caller's claimed shares in the proposal's version. Any open proposal,
    /// in any order.
    /// @param proposalId The proposal.
    /// @param support True for, false against.
    function vote(uint64 proposalId, bool support) external;

    /// @notice Claims the caller's shares in the proposal's version (unless already claimed) and votes.
    /// @param proposalId The proposal.
    /// @param support True for, false against.
    /// @param index The caller's leaf index.
    /// @param amount The caller's leaf amount.
    /// @param proof The Merkle proof of the caller's leaf.
    function voteWithProof(
        uint64 proposalId,
        bool support,
        uint32 index,
        uint96 amount,
        bytes32[] calldata proof
    ) external;

    /// @notice Settles a proposal once its voting has ended or been decided. Anyone may call, exactly
    /// once per proposal. An approved license starts now (or when the buyer's previous license to the
    /// version ends) and its escrow, less the fee, is credited to the version's holders; otherwise the
    /// escrow is sent back to the buyer, or credited to the buyer when the transfer fails, so a refund
    /// can never block settlement. An approved sweep proposal sets the version's sweep destination.
    /// @param proposalId The proposal.
    /// @return approved Whether the license was approved.
    function settle(uint64 proposalId) external returns (bool approved);

    /// @notice How many proposals exist; ids run from 1 to this number.
    /// @return The count.
    function proposalCount() external view returns (uint64);

    /// @notice A proposal as stored.
    /// @param proposalId The proposal.
    /// @return The proposal (all zero when unknown).
    function getProposal(uint64 proposalId) external view returns (Proposal memory);

    /// @notice Where a proposal stands now.
    /// @param proposalId The proposal.
    /// @return The outcome.
    function proposalOutcome(uint64 proposalId) external view returns (ProposalOutcome);

    /// @notice Whether an account voted on a proposal (exact for every proposal).
    /// @param proposalId The proposal.
    /// @param account The account.
    /// @return True when the vote is recorded.
    function hasVoted(uint64 proposalId, address account) external view returns (bool);

    /// @notice The license a proposal grants; `startsAt` and `expiresAt` are zero unless it was approved.
    /// @param proposalId The proposal (license) id.
    /// @return The license.
    function getLicense(uint64 proposalId) external view returns (License memory);

    /// @notice Whether the buyer holds an approved license to this version that has not expired.
    /// @param buyer The buyer.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @return True when licensed now.
    function hasValidLicense(address buyer, uint64 datasetId, uint32 version) external view returns (bool);

    /// @notice When the buyer's licenses to this version end (they run one after another).
    /// @param buyer The buyer.
    /// @param datasetId The dataset.
    /// @param version The version.
    /// @return The expiry time (0 when never licensed).
    function licenseExpiry(address buyer, uint64 datasetId, uint32 version) external view returns (uint40);
}
