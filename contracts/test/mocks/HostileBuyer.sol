// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPlaza} from "../../src/interfaces/IPlaza.sol";

/// @title HostileBuyer
/// @notice Test-only buyer contract that proposes licenses and can refuse refunds: by reverting in the
/// token's receive hook, or by burning all the gas it is given.
contract HostileBuyer {
    /// @notice How the buyer reacts to incoming tokens.
    enum Mode {
        Accept,
        Revert,
        BurnGas
    }

    Mode public mode;

    /// @notice Sets how incoming tokens are treated.
    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @notice Approves Plaza, registers for the token's receive hooks (if it has them) and proposes a
    /// license as this contract.
    function propose(IPlaza plaza, uint64 datasetId, uint32 version, address token, uint96 price, uint40 duration)
        external
        returns (uint64)
    {
        IERC20(token).approve(address(plaza), price);
        (bool registered,) = token.call(abi.encodeWithSignature("register()"));
        registered; // tokens without hooks simply have no register()
        return plaza.proposeLicense(datasetId, version, token, price, duration, keccak256("hostile terms"));
    }

    /// @notice Withdraws this contract's credit from Plaza.
    function withdraw(IPlaza plaza, address token) external returns (uint256) {
        return plaza.withdrawCredit(token);
    }

    /// @notice The receive hook of {CallbackToken}.
    function onTokenReceived(address, uint256) external view {
        if (mode == Mode.Revert) revert("refund refused");
        if (mode == Mode.BurnGas) {
            uint256 x;
            while (gasleft() > 0) x += 1;
        }
    }
}
