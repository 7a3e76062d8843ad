// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPlaza} from "./interfaces/IPlaza.sol";
import {PlazaLicenses} from "./PlazaLicenses.sol";
import {PlazaRegistry} from "./PlazaRegistry.sol";

/// @title Plaza
/// @notice Plaza's open data DAO: dataset versions with Merkle-claimed, non-transferable shares; license
/// proposals with the price in escrow, voted by the holders of the pinned version; O(1) revenue
/// distribution through per-version revenue-per-share accumulators that holders pull from.
/// @dev The features live in a linear chain of abstract contracts (registry → shares → revenue →
/// licenses) that share storage; this contract only wires the guardian in.
contract Plaza is IPlaza, PlazaLicenses {
    /// @param guardian_ The guardian, who may revoke versions during their timelock.
    constructor(address guardian_) PlazaRegistry(guardian_) {}
}
