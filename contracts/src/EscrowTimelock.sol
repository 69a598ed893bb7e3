// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title The escrow's governance
/// @notice OpenZeppelin's TimelockController, unchanged: it holds the escrow's governance and admin
///         roles, so parameters, the treasury, role grants, escalated disputes and insurance claims
///         take effect only `minDelay` after they were proposed (48 hours in deployments), in public.
///         Declared here so the build compiles it and the deploy code can wire it.
contract EscrowTimelock is TimelockController {
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors)
        TimelockController(minDelay, proposers, executors, address(0))
    {}
}
