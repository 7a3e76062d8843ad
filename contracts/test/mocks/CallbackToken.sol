// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Implemented by contracts that want to hear about incoming {CallbackToken} transfers.
interface ITokenReceiver {
    /// @notice Called after tokens arrive; a revert undoes the transfer.
    function onTokenReceived(address from, uint256 amount) external;
}

/// @title CallbackToken
/// @notice Test-only ERC-20 with receive hooks (in the spirit of ERC-777): a transfer to an account that
/// registered for hooks calls its `onTokenReceived`, and the transfer fails if the hook reverts. Lets a
/// recipient refuse, or burn gas on, a payment.
contract CallbackToken is ERC20 {
    mapping(address account => bool) public registered;

    constructor() ERC20("Callback", "CB") {}

    /// @notice Opts the caller in to receive hooks.
    function register() external {
        registered[msg.sender] = true;
    }

    /// @notice Mints test tokens (no hook).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from != address(0) && registered[to]) ITokenReceiver(to).onTokenReceived(from, value);
    }
}
