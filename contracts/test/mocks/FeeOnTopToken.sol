// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FeeOnTopToken
/// @notice Test-only ERC-20 whose sender pays a 1 % fee on top of every transfer: the recipient gets the
/// full amount, the sender loses more. A contract paying out in it loses more than it accounts for.
contract FeeOnTopToken is ERC20 {
    constructor() ERC20("Fee on top", "FOP") {}

    /// @notice Mints test tokens (no fee).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from != address(0) && to != address(0)) super._update(from, address(0), value / 100);
    }
}
