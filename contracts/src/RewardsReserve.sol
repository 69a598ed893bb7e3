// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title The community rewards' reserve
/// @notice Holds the buyer and provider reward pools and pays them into the rewards distributor only,
/// an epoch's funding at a time: at most `weeklyCap` in any 7 days. The publisher (the platform's hot
/// key) can do nothing else with it, so a stolen key moves at most a week's cap, and only into the
/// distributor, whose roots the guardian can still revoke. Governance (the admin) can change the cap.
contract RewardsReserve is AccessControl {
    using SafeERC20 for IERC20;

    bytes32 public constant PUBLISHER_ROLE = keccak256("PUBLISHER_ROLE");
    uint64 public constant WINDOW = 7 days;

    IERC20 public immutable token;
    address public immutable distributor;
    uint256 public weeklyCap;
    uint64 public windowStart;
    uint256 public paidInWindow;
    mapping(uint64 epoch => bool) public epochFunded;

    event EpochFunded(uint64 indexed epoch, uint256 amount);
    event WeeklyCapChanged(uint256 cap);

    error OverWeeklyCap(uint256 requested, uint256 left);
    error EpochAlreadyFunded(uint64 epoch);

    constructor(IERC20 token_, address distributor_, uint256 weeklyCap_, address admin, address publisher) {
        token = token_;
        distributor = distributor_;
        weeklyCap = weeklyCap_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PUBLISHER_ROLE, publisher);
    }

    /// @notice Pays an epoch's rewards into the distributor, once per epoch: a second call for the same epoch reverts.
    function fundEpoch(uint64 epoch, uint256 amount) external onlyRole(PUBLISHER_ROLE) {
        if (epochFunded[epoch]) revert EpochAlreadyFunded(epoch);
        if (block.timestamp >= uint256(windowStart) + WINDOW) {
            windowStart = uint64(block.timestamp);
            paidInWindow = 0;
        }
        uint256 left = weeklyCap - paidInWindow;
        if (amount > left) revert OverWeeklyCap(amount, left);
        paidInWindow += amount;
        epochFunded[epoch] = true;
        emit EpochFunded(epoch, amount);
        token.safeTransfer(distributor, amount);
    }

    function setWeeklyCap(uint256 cap) external onlyRole(DEFAULT_ADMIN_ROLE) {
        weeklyCap = cap;
        emit WeeklyCapChanged(cap);
    }
}
