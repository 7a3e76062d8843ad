// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReentrantToken
/// @notice Test-only ERC-20 that, once armed, calls back into a target in the middle of its next transfer
/// and records whether that call succeeded and what it returned (so tests can read the revert reason).
contract ReentrantToken is ERC20 {
    address public target;
    bytes public payload;
    bool public armed;
    bool public lastSucceeded;
    bytes public lastReturn;
    uint256 public reentries;

    constructor() ERC20("Reentrant", "RE") {}

    /// @notice Mints test tokens.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms one callback: the next transfer calls `target_` with `payload_` before moving funds.
    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
        armed = true;
    }

    /// @notice Lets this token, as a holder or buyer, call anything (e.g. approve or claim) in tests.
    function execute(address to, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory result) = to.call(data);
        if (!ok) {
            assembly {
                revert(add(result, 0x20), mload(result))
            }
        }
        return result;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (armed) {
            armed = false;
            reentries += 1;
            (lastSucceeded, lastReturn) = target.call(payload);
        }
        super._update(from, to, value);
    }
}
