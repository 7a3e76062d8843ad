// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestUSD
/// @notice A 6-decimal stablecoin for local chains and tests. Anyone can mint: never deploy it where it
/// could be mistaken for money.
contract TestUSD is ERC20 {
    constructor() ERC20("Test USD", "TUSD") {}

    /// @notice Mints `amount` to `to`. Open to anyone: this is a faucet token.
    /// @param to The recipient.
    /// @param amount The amount, in 6-decimal units.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @inheritdoc ERC20
    function decimals() public pure override returns (uint8) {
        return 6;
    }
}
