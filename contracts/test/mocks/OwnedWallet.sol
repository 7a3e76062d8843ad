// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title OwnedWallet
/// @notice Test-only smart-contract wallet with one owner key: it executes the owner's calls and
/// answers ERC-1271 `isValidSignature` for hashes the owner signed, as deployed contract wallets
/// (Safe, smart accounts) do for Sign-In with Ethereum and EIP-712 requests.
contract OwnedWallet is IERC1271 {
    /// @notice A call came from someone other than the owner.
    error OwnedWalletNotOwner(address caller);
    /// @notice The executed call reverted with `reason`.
    error OwnedWalletCallFailed(bytes reason);

    /// @notice The key that controls the wallet and signs for it.
    address public immutable owner;

    /// @param owner_ The controlling key.
    constructor(address owner_) {
        owner = owner_;
    }

    /// @notice Calls `to` with `data` and `value` as this wallet; only the owner may.
    function execute(address to, uint256 value, bytes calldata data) external returns (bytes memory result) {
        if (msg.sender != owner) revert OwnedWalletNotOwner(msg.sender);
        bool ok;
        (ok, result) = to.call{value: value}(data);
        if (!ok) revert OwnedWalletCallFailed(result);
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address signer, ECDSA.RecoverError recoverError,) = ECDSA.tryRecover(hash, signature);
        if (recoverError == ECDSA.RecoverError.NoError && signer == owner) return IERC1271.isValidSignature.selector;
        return 0xffffffff;
    }

    /// @notice Accepts ether (gas money for the owner's calls is the owner's own).
    receive() external payable {}
}
