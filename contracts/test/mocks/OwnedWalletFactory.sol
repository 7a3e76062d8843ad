// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Create2} from "@openzeppelin/contracts/utils/Create2.sol";
import {OwnedWallet} from "./OwnedWallet.sol";

/// @title OwnedWalletFactory
/// @notice Test-only CREATE2 factory of {OwnedWallet}s: a wallet's address is known before it is
/// deployed, so it can sign counterfactually (ERC-6492: the signature carries this factory and the
/// `deploy` call that would create the wallet).
contract OwnedWalletFactory {
    /// @notice A wallet was deployed for `owner`.
    event WalletDeployed(address indexed wallet, address indexed owner);

    /// @notice Deploys the wallet of `owner` (or returns it when it exists).
    function deploy(address owner) external returns (address wallet) {
        wallet = walletOf(owner);
        if (wallet.code.length > 0) return wallet;
        wallet = address(new OwnedWallet{salt: _salt(owner)}(owner));
        emit WalletDeployed(wallet, owner);
    }

    /// @notice The address the wallet of `owner` has (or will have once deployed).
    function walletOf(address owner) public view returns (address) {
        bytes32 codeHash = keccak256(abi.encodePacked(type(OwnedWallet).creationCode, abi.encode(owner)));
        return Create2.computeAddress(_salt(owner), codeHash);
    }

    function _salt(address owner) private pure returns (bytes32) {
        return bytes32(uint256(uint160(owner)));
    }
}
