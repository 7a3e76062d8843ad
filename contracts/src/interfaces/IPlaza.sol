// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPlazaLicenses} from "./IPlazaLicenses.sol";
import {IPlazaRegistry} from "./IPlazaRegistry.sol";
import {IPlazaRevenue} from "./IPlazaRevenue.sol";
import {IPlazaShares} from "./IPlazaShares.sol";

/// @title IPlaza
/// @notice Everything the Plaza contract exposes: the dataset registry, share claims, license votes with
/// escrow, and O(1) revenue distribution.
interface IPlaza is IPlazaRegistry, IPlazaShares, IPlazaRevenue, IPlazaLicenses {}
