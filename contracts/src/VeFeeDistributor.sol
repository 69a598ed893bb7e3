// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

interface IVoteEscrow {
    function balanceOfAt(address account, uint256 timestamp) external view returns (uint256);
    function totalSupplyAt(uint256 timestamp) external view returns (uint256);
    function firstLockAt(address account) external view returns (uint256);
    function WEEK() external view returns (uint256);
    function checkpoint() external;
}

/// @title veCPT holders' share of the platform's fees, in USDC
/// @notice Fees deposited during a week belong to that week, and are shared by the veCPT holders in
/// proportion to their voting power at the week's start: a lock made after fees were seen earns
/// nothing of them. A week's fees are claimable once it has ended. A claim walks at most
/// `MAX_WEEKS_PER_CLAIM` weeks; anyone may claim for an account, and the USDC always goes to it.
/// Fees of a week when nobody held veCPT are rolled into the current week, by anyone.
/// @dev Shares are rounded down, so what the holders claim never exceeds what was deposited; the
/// contract's balance is always `deposited - claimed`, and the rounding's dust stays in it.
contract VeFeeDistributor is ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice veCPT's week.
    uint256 public immutable WEEK;
    uint256 public constant MAX_WEEKS_PER_CLAIM = 52;

    IERC20 public immutable usdc;
    IVoteEscrow public immutable ve;
    uint256 public immutable startWeek;

    mapping(uint256 week => uint256) public feesOfWeek;
    /// @notice The first week an account has not been paid for yet (0: none paid).
    mapping(address account => uint256) public nextWeekOf;
    uint256 public deposited;
    uint256 public claimed;

    event FeesDeposited(uint256 indexed week, address indexed from, uint256 amount);
    event FeesRolledOver(uint256 indexed fromWeek, uint256 indexed toWeek, uint256 amount);
    event FeesClaimed(address indexed account, uint256 amount, uint256 fromWeek, uint256 toWeek);

    error NothingToRoll(uint256 week);

    constructor(IERC20 usdc_, IVoteEscrow ve_) {
        usdc = usdc_;
        ve = ve_;
        WEEK = ve_.WEEK();
        startWeek = _weekOf(block.timestamp);
    }

    /// @notice Adds `amount` USDC to this week's fees.
    function depositFees(uint256 amount) external nonReentrant {
        // A point in veCPT's history at each week that has fees, so reading a week's total never walks far.
        ve.checkpoint();
        uint256 week = _weekOf(block.timestamp);
        feesOfWeek[week] += amount;
        deposited += amount;
        emit FeesDeposited(week, msg.sender, amount);
        usdc.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Moves an ended week's fees to this week when nobody held veCPT at its start.
    function rollOver(uint256 week) external {
        uint256 current = _weekOf(block.timestamp);
        uint256 amount = feesOfWeek[week];
        if (week >= current || amount == 0 || ve.totalSupplyAt(week) != 0) revert NothingToRoll(week);
        feesOfWeek[week] = 0;
        feesOfWeek[current] += amount;
        emit FeesRolledOver(week, current, amount);
    }

    /// @notice What `account` would be paid now, over the next MAX_WEEKS_PER_CLAIM weeks it has not been paid for.
    function claimable(address account) external view returns (uint256 amount) {
        (amount,,) = _owed(account);
    }

    /// @notice Pays `account` its share of every ended week it has not been paid for, up to MAX_WEEKS_PER_CLAIM.
    function claim(address account) external nonReentrant returns (uint256 amount) {
        uint256 from;
        uint256 to;
        (amount, from, to) = _owed(account);
        if (to == from) return 0;
        nextWeekOf[account] = to;
        if (amount == 0) return 0;
        claimed += amount;
        emit FeesClaimed(account, amount, from, to);
        usdc.safeTransfer(account, amount);
    }

    function _owed(address account) private view returns (uint256 amount, uint256 from, uint256 to) {
        from = nextWeekOf[account];
        if (from == 0) {
            uint256 first = ve.firstLockAt(account);
            if (first == 0) return (0, 0, 0);
            // The first week whose start saw the lock.
            from = ((first + WEEK - 1) / WEEK) * WEEK;
            if (from < startWeek) from = startWeek;
        }
        uint256 ended = _weekOf(block.timestamp);
        to = from;
        for (uint256 i = 0; i < MAX_WEEKS_PER_CLAIM && to < ended; i++) {
            uint256 fees = feesOfWeek[to];
            if (fees > 0) {
                uint256 total = ve.totalSupplyAt(to);
                if (total > 0) amount += fees * ve.balanceOfAt(account, to) / total;
            }
            to += WEEK;
        }
    }

    function _weekOf(uint256 timestamp) private view returns (uint256) {
        return (timestamp / WEEK) * WEEK;
    }
}
