// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";

/// @title A CPT allocation released linearly
/// @notice OpenZeppelin's VestingWallet: nothing before `start`, then linearly over `duration`. An
/// allocation with a cliff ("a 6-month cliff, then 18 months linear") starts at the cliff's end, so
/// nothing is releasable before it and the linear part begins from zero there.
contract CptVestingWallet is VestingWallet {
    constructor(address beneficiary, uint64 start, uint64 duration) VestingWallet(beneficiary, start, duration) {}
}
