// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title veCPT: CPT locked for voting power that decays to zero at the unlock
/// @notice A holder locks CPT for one to 208 whole weeks (four years); the lock ends at a week's
/// start. Voting power is `locked × 2.5 × remaining / 4 years` (the whitepaper's 6.1 and 6.2), as a
/// line per lock: a slope, `floor(locked × 5 / (2 × MAX_LOCK))` per second, times the seconds left.
/// Total power is the sum of those lines, kept as one global line whose slope drops at each week
/// where locks end; any past moment's total is a search in its weekly history plus at most
/// `MAX_LOCK / WEEK` week steps, whatever the number of holders.
/// @dev veCPT moves nowhere: no transfer, no approval, no delegation. Contracts lock only when
/// governance (the admin) allowed them, so no wrapper can turn locks into a liquid token unnoticed;
/// accounts whose transactions they sign themselves always may.
contract VoteEscrowedCpt is IVotes, IERC6372, AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice The lock's unit: 7 days in every deployment; a development chain may run shorter weeks.
    uint256 public immutable WEEK;
    /// @notice Four years: 208 weeks.
    uint256 public immutable MAX_LOCK;
    /// @notice The smallest lock: below it a lock's power would round to nothing worth counting.
    uint256 public constant MIN_LOCK_AMOUNT = 100e18;
    /// @notice The most weeks one checkpoint walks; `checkpoint()` walks the rest after a long quiet.
    uint256 public constant MAX_WEEKS_PER_CHECKPOINT = 255;

    string public constant name = "Vote-escrowed CPT";
    string public constant symbol = "veCPT";
    uint8 public constant decimals = 18;

    struct Point {
        int128 bias;
        int128 slope;
        uint64 ts;
    }

    struct Lock {
        uint128 amount;
        uint64 end;
    }

    IERC20 public immutable token;
    uint256 public totalLocked;
    mapping(address account => Lock) public locks;
    mapping(address wallet => bool) public allowedContracts;
    /// @notice The slope that ends at each week's start, when the locks ending there unlock.
    mapping(uint256 week => int128) public slopeEnds;

    Point[] private _total;
    mapping(address account => Point[]) private _points;

    event Locked(address indexed account, uint256 added, uint256 end, uint256 locked);
    event Withdrawn(address indexed account, uint256 amount);
    event ContractAllowed(address indexed wallet, bool allowed);

    error ContractNotAllowed(address caller);
    error LockTooSmall(uint256 amount, uint256 minimum);
    error LockExists();
    error NoLock();
    error LockExpired(uint256 end);
    error LockNotExpired(uint256 end);
    error BadDuration(uint256 weeksAsked);
    error NotLonger(uint256 end, uint256 currentEnd);
    error NothingToAdd();
    error FutureLookup(uint256 timepoint, uint256 clock);
    error VotesAreNotDelegable();
    error CheckpointBehind();
    error BadWeek();

    constructor(IERC20 token_, address admin, uint256 week) {
        if (week == 0) revert BadWeek();
        WEEK = week;
        MAX_LOCK = 208 * week;
        token = token_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _total.push(Point(0, 0, uint64(block.timestamp)));
    }

    modifier onlyAllowedCallers() {
        // A contract calling from its constructor has no code yet: the origin check sees it anyway.
        if (msg.sender != tx.origin && !allowedContracts[msg.sender]) revert ContractNotAllowed(msg.sender);
        _;
    }

    // ------------------------------------------------------------------ locks

    /// @notice Locks `amount` CPT until the start of the week `weeks_` weeks after this one's.
    function createLock(uint256 amount, uint256 weeks_) external nonReentrant onlyAllowedCallers {
        Lock memory current = locks[msg.sender];
        if (current.amount != 0) revert LockExists();
        if (amount < MIN_LOCK_AMOUNT) revert LockTooSmall(amount, MIN_LOCK_AMOUNT);
        uint256 end = _endAfter(weeks_);
        _update(msg.sender, current, Lock(SafeCast.toUint128(amount), uint64(end)), amount);
    }

    /// @notice Adds CPT to a lock that has not ended; its end stays.
    function increaseAmount(uint256 amount) external nonReentrant onlyAllowedCallers {
        Lock memory current = locks[msg.sender];
        if (current.amount == 0) revert NoLock();
        if (current.end <= block.timestamp) revert LockExpired(current.end);
        if (amount == 0) revert NothingToAdd();
        _update(msg.sender, current, Lock(SafeCast.toUint128(current.amount + amount), current.end), amount);
    }

    /// @notice Moves a lock's end to the start of the week `weeks_` weeks after this one's, later than it was.
    function extendLock(uint256 weeks_) external nonReentrant onlyAllowedCallers {
        Lock memory current = locks[msg.sender];
        if (current.amount == 0) revert NoLock();
        if (current.end <= block.timestamp) revert LockExpired(current.end);
        uint256 end = _endAfter(weeks_);
        if (end <= current.end) revert NotLonger(end, current.end);
        _update(msg.sender, current, Lock(current.amount, uint64(end)), 0);
    }

    /// @notice Takes back the CPT of a lock that has ended.
    function withdraw() external nonReentrant {
        Lock memory current = locks[msg.sender];
        if (current.amount == 0) revert NoLock();
        if (current.end > block.timestamp) revert LockNotExpired(current.end);
        _update(msg.sender, current, Lock(0, 0), 0);
        totalLocked -= current.amount;
        emit Withdrawn(msg.sender, current.amount);
        token.safeTransfer(msg.sender, current.amount);
    }

    /// @notice Lets a contract wallet (a Safe, a smart account) lock, or stops new locks of one.
    function allowContract(address wallet, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        allowedContracts[wallet] = allowed;
        emit ContractAllowed(wallet, allowed);
    }

    /// @notice Brings the total's history up to now, at most MAX_WEEKS_PER_CHECKPOINT weeks a call.
    function checkpoint() external {
        (Point memory last,) = _advance();
        _record(last);
    }

    function _endAfter(uint256 weeks_) private view returns (uint256 end) {
        if (weeks_ == 0 || weeks_ * WEEK > MAX_LOCK) revert BadDuration(weeks_);
        end = (block.timestamp / WEEK) * WEEK + weeks_ * WEEK;
    }

    function _update(address account, Lock memory before, Lock memory next, uint256 deposit) private {
        (Point memory total, bool done) = _advance();
        if (!done) revert CheckpointBehind();
        uint256 now_ = block.timestamp;
        (int128 oldSlope, int128 oldBias) = _line(before, now_);
        (int128 newSlope, int128 newBias) = _line(next, now_);

        total.bias += newBias - oldBias;
        total.slope += newSlope - oldSlope;
        if (total.bias < 0) total.bias = 0;
        if (total.slope < 0) total.slope = 0;
        _record(total);

        // The old line no longer ends where it did; the new one ends at its own end.
        if (before.end > now_) slopeEnds[before.end] -= oldSlope;
        if (next.end > now_) slopeEnds[next.end] += newSlope;

        Point[] storage history = _points[account];
        Point memory point = Point(newBias, newSlope, uint64(now_));
        if (history.length > 0 && history[history.length - 1].ts == now_) history[history.length - 1] = point;
        else history.push(point);

        locks[account] = next;
        if (deposit > 0) {
            totalLocked += deposit;
            emit Locked(account, deposit, next.end, next.amount);
            token.safeTransferFrom(account, address(this), deposit);
        } else if (next.amount > 0) {
            emit Locked(account, 0, next.end, next.amount);
        }
    }

    /// @dev A lock's line at `at`: its slope, and its power then.
    function _line(Lock memory lock, uint256 at) private view returns (int128 slope, int128 bias) {
        if (lock.amount == 0 || lock.end <= at) return (0, 0);
        slope = int128(int256(uint256(lock.amount) * 5 / (2 * MAX_LOCK)));
        bias = slope * int128(int256(uint256(lock.end) - at));
    }

    /// @dev The total's line walked from its last point to now, week by week, storing each week's start.
    function _advance() private returns (Point memory last, bool done) {
        last = _total[_total.length - 1];
        uint256 now_ = block.timestamp;
        uint256 t = (last.ts / WEEK) * WEEK;
        for (uint256 i = 0; i < MAX_WEEKS_PER_CHECKPOINT; i++) {
            t += WEEK;
            int128 ended = 0;
            if (t > now_) t = now_;
            else ended = slopeEnds[t];
            last.bias -= last.slope * int128(int256(t - last.ts));
            last.slope -= ended;
            if (last.bias < 0) last.bias = 0;
            if (last.slope < 0) last.slope = 0;
            last.ts = uint64(t);
            if (t == now_) return (last, true);
            _total.push(last);
        }
        return (last, false);
    }

    function _record(Point memory point) private {
        Point storage latest = _total[_total.length - 1];
        if (latest.ts == point.ts) {
            latest.bias = point.bias;
            latest.slope = point.slope;
        } else {
            _total.push(point);
        }
    }

    // ------------------------------------------------------------------ reading power

    /// @notice An account's voting power now.
    function balanceOf(address account) public view returns (uint256) {
        return _powerAt(_points[account], block.timestamp);
    }

    /// @notice An account's voting power at `timestamp` (at most now).
    function balanceOfAt(address account, uint256 timestamp) public view returns (uint256) {
        if (timestamp > block.timestamp) revert FutureLookup(timestamp, block.timestamp);
        return _powerAt(_points[account], timestamp);
    }

    /// @notice When `account` first locked (0: never), from which fee shares are counted.
    function firstLockAt(address account) external view returns (uint256) {
        Point[] storage history = _points[account];
        return history.length == 0 ? 0 : history[0].ts;
    }

    /// @notice The sum of every account's voting power now.
    function totalSupply() public view returns (uint256) {
        return _totalAt(block.timestamp);
    }

    /// @notice The sum of every account's voting power at `timestamp` (at most now).
    function totalSupplyAt(uint256 timestamp) public view returns (uint256) {
        if (timestamp > block.timestamp) revert FutureLookup(timestamp, block.timestamp);
        return _totalAt(timestamp);
    }

    function _powerAt(Point[] storage history, uint256 at) private view returns (uint256) {
        (bool found, Point memory point) = _latestAtOrBefore(history, at);
        if (!found) return 0;
        int256 power = int256(point.bias) - int256(point.slope) * int256(at - point.ts);
        return power > 0 ? uint256(power) : 0;
    }

    function _totalAt(uint256 at) private view returns (uint256) {
        (bool found, Point memory point) = _latestAtOrBefore(_total, at);
        if (!found) return 0;
        uint256 t = (point.ts / WEEK) * WEEK;
        // Every lock ends within MAX_LOCK of the point, so the walk ends within that many weeks too.
        for (uint256 i = 0; i <= MAX_LOCK / WEEK + 1; i++) {
            t += WEEK;
            int128 ended = 0;
            if (t > at) t = at;
            else ended = slopeEnds[t];
            point.bias -= point.slope * int128(int256(t - point.ts));
            point.slope -= ended;
            point.ts = uint64(t);
            if (point.bias <= 0) return 0;
            if (t == at || point.slope <= 0) break;
        }
        return uint256(int256(point.bias));
    }

    function _latestAtOrBefore(Point[] storage history, uint256 at) private view returns (bool, Point memory) {
        uint256 high = history.length;
        if (high == 0 || history[0].ts > at) return (false, Point(0, 0, 0));
        uint256 low = 0;
        while (high - low > 1) {
            uint256 middle = (low + high) / 2;
            if (history[middle].ts <= at) low = middle;
            else high = middle;
        }
        return (true, history[low]);
    }

    // ------------------------------------------------------------------ IVotes and IERC6372, for a Governor

    function clock() public view returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure returns (string memory) {
        return "mode=timestamp";
    }

    function getVotes(address account) external view returns (uint256) {
        return balanceOf(account);
    }

    function getPastVotes(address account, uint256 timepoint) external view returns (uint256) {
        if (timepoint >= block.timestamp) revert FutureLookup(timepoint, block.timestamp);
        return _powerAt(_points[account], timepoint);
    }

    function getPastTotalSupply(uint256 timepoint) external view returns (uint256) {
        if (timepoint >= block.timestamp) revert FutureLookup(timepoint, block.timestamp);
        return _totalAt(timepoint);
    }

    /// @notice Each account votes with its own locks.
    function delegates(address account) external pure returns (address) {
        return account;
    }

    function delegate(address) external pure {
        revert VotesAreNotDelegable();
    }

    function delegateBySig(address, uint256, uint256, uint8, bytes32, bytes32) external pure {
        revert VotesAreNotDelegable();
    }
}
