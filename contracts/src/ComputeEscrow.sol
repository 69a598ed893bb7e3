// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title CyberPlaza compute escrow
/// @notice Holds USDC per compute order until the platform settles it into a provider payout,
///         a platform fee and a payer refund. Every party pulls its own money, so one party that
///         cannot receive (for example an address on the USDC blacklist) never blocks another.
/// @dev Invariant: token.balanceOf(this) >= sum(order balances) + sum(refunds owed)
///      + sum(unwithdrawn payouts) + accrued fees, with equality unless someone sent USDC directly.
contract ComputeEscrow is AccessControl, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    bytes32 public constant SETTLER_ROLE = keccak256("SETTLER_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    enum OrderStatus {
        None,
        Funded,
        Settled,
        Reclaimed
    }

    /// @dev Two slots: payer and balance share the first, deadline and status the second.
    struct Order {
        address payer;
        uint96 balance;
        uint64 reclaimableAt;
        OrderStatus status;
    }

    /// @dev One slot: a settlement writes it once per order, so its size is most of settle's cost.
    ///      uint64 micro-USDC is 18 trillion USDC; uint32 seconds reach the year 2106.
    struct Payout {
        address provider;
        uint64 amount;
        uint32 releaseAt;
    }

    struct Settlement {
        bytes32 orderId;
        address provider;
        uint256 providerAmount;
        uint256 fee;
        uint256 refund;
        uint64 releaseAt;
    }

    IERC20 public immutable token;
    /// @notice How long after its latest deposit an unsettled order can be reclaimed by its payer.
    uint64 public immutable reclaimDelay;
    address public treasury;
    uint256 public accruedFees;

    mapping(bytes32 orderId => Order) private _orders;
    mapping(bytes32 orderId => Payout) private _payouts;
    mapping(address payer => uint256) public refundOf;

    event Deposited(bytes32 indexed orderId, address indexed payer, uint256 amount, uint256 total);
    event Settled(
        bytes32 indexed orderId,
        address indexed provider,
        uint256 providerAmount,
        uint256 fee,
        uint256 refund,
        uint64 releaseAt
    );
    event RefundWithdrawn(address indexed payer, uint256 amount);
    event PayoutWithdrawn(bytes32 indexed orderId, address indexed provider, uint256 amount);
    event FeesWithdrawn(address indexed treasury, uint256 amount);
    event Reclaimed(bytes32 indexed orderId, address indexed payer, uint256 amount);
    event TreasuryChanged(address indexed previous, address indexed current);

    error ZeroAmount();
    error ZeroAddress();
    error EmptyBatch();
    error AmountTooLarge(uint256 amount);
    error NotOrderPayer(bytes32 orderId, address payer);
    error OrderNotFunded(bytes32 orderId);
    error OrderClosed(bytes32 orderId);
    error SettlementMismatch(bytes32 orderId, uint256 balance, uint256 settled);
    error ReclaimTooEarly(bytes32 orderId, uint64 reclaimableAt);
    error ReleaseTooLate(uint64 releaseAt);
    error NotPayee(bytes32 orderId);
    error PayoutLocked(bytes32 orderId, uint32 releaseAt);
    error NothingToWithdraw();

    constructor(IERC20 token_, address admin, address treasury_, uint64 reclaimDelay_) {
        if (address(token_) == address(0) || admin == address(0) || treasury_ == address(0)) revert ZeroAddress();
        token = token_;
        treasury = treasury_;
        reclaimDelay = reclaimDelay_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------- deposits

    /// @notice Pays `amount` into the escrow of `orderId`; a later call by the same payer tops it up.
    function deposit(bytes32 orderId, uint256 amount) external whenNotPaused nonReentrant {
        _deposit(orderId, amount);
    }

    /// @notice Deposit authorised by an EIP-2612 permit signature, in one transaction.
    /// @dev The permit is tried, not required: if someone front-ran it with the same signature the
    ///      allowance is already there and the deposit still goes through.
    function depositWithPermit(bytes32 orderId, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        whenNotPaused
        nonReentrant
    {
        try IERC20Permit(address(token)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _deposit(orderId, amount);
    }

    function _deposit(bytes32 orderId, uint256 amount) private {
        if (amount == 0) revert ZeroAmount();
        Order storage order = _orders[orderId];
        if (order.status == OrderStatus.None) {
            order.payer = msg.sender;
            order.status = OrderStatus.Funded;
        } else if (order.status != OrderStatus.Funded) {
            revert OrderClosed(orderId);
        } else if (order.payer != msg.sender) {
            // Refunds go to the payer: a stranger's top-up would be paid out to someone else.
            revert NotOrderPayer(orderId, order.payer);
        }
        uint256 total = uint256(order.balance) + amount;
        if (total > type(uint96).max) revert AmountTooLarge(total);
        order.balance = uint96(total);
        order.reclaimableAt = uint64(block.timestamp) + reclaimDelay;

        token.safeTransferFrom(msg.sender, address(this), amount);
        emit Deposited(orderId, msg.sender, amount, total);
    }

    // ---------------------------------------------------------------- settlement

    /// @notice Closes a batch of orders. Each order's split must add up to its whole balance.
    function settle(Settlement[] calldata batch) external onlyRole(SETTLER_ROLE) whenNotPaused {
        if (batch.length == 0) revert EmptyBatch();
        uint256 fees;
        for (uint256 i; i < batch.length; ++i) {
            fees += _settleOne(batch[i]);
        }
        accruedFees += fees;
    }

    function _settleOne(Settlement calldata s) private returns (uint256 fee) {
        Order storage order = _orders[s.orderId];
        if (order.status == OrderStatus.None) revert OrderNotFunded(s.orderId);
        if (order.status != OrderStatus.Funded) revert OrderClosed(s.orderId);
        uint256 balance = order.balance;
        uint256 settled = s.providerAmount + s.fee + s.refund;
        if (settled != balance) revert SettlementMismatch(s.orderId, balance, settled);

        order.status = OrderStatus.Settled;
        order.balance = 0;
        if (s.refund != 0) refundOf[order.payer] += s.refund;
        if (s.providerAmount != 0) {
            if (s.provider == address(0)) revert ZeroAddress();
            if (s.providerAmount > type(uint64).max) revert AmountTooLarge(s.providerAmount);
            if (s.releaseAt > type(uint32).max) revert ReleaseTooLate(s.releaseAt);
            _payouts[s.orderId] = Payout(s.provider, uint64(s.providerAmount), uint32(s.releaseAt));
        }
        emit Settled(s.orderId, s.provider, s.providerAmount, s.fee, s.refund, s.releaseAt);
        return s.fee;
    }

    // ---------------------------------------------------------------- withdrawals

    /// @notice Sends the caller's settled refunds to the caller.
    /// @dev Always to msg.sender: letting a caller name another recipient would let an address the
    ///      token has blacklisted move its funds out through the escrow.
    function withdrawRefund() external nonReentrant {
        uint256 amount = refundOf[msg.sender];
        if (amount == 0) revert NothingToWithdraw();
        refundOf[msg.sender] = 0;
        token.safeTransfer(msg.sender, amount);
        emit RefundWithdrawn(msg.sender, amount);
    }

    /// @notice Sends the caller's released payouts for `orderIds` to the caller.
    function withdrawPayouts(bytes32[] calldata orderIds) external nonReentrant {
        uint256 total;
        for (uint256 i; i < orderIds.length; ++i) {
            bytes32 orderId = orderIds[i];
            Payout storage payout = _payouts[orderId];
            if (payout.provider != msg.sender) revert NotPayee(orderId);
            uint256 amount = payout.amount;
            // Already withdrawn: skipping keeps a retried withdrawal from failing the whole batch.
            if (amount == 0) continue;
            if (block.timestamp < payout.releaseAt) revert PayoutLocked(orderId, payout.releaseAt);
            payout.amount = 0;
            total += amount;
            emit PayoutWithdrawn(orderId, msg.sender, amount);
        }
        if (total == 0) revert NothingToWithdraw();
        token.safeTransfer(msg.sender, total);
    }

    /// @notice Sends the accrued platform fees to the treasury. Anyone may trigger it.
    function withdrawFees() external nonReentrant {
        uint256 amount = accruedFees;
        if (amount == 0) revert NothingToWithdraw();
        accruedFees = 0;
        token.safeTransfer(treasury, amount);
        emit FeesWithdrawn(treasury, amount);
    }

    /// @notice Lets a payer take back an order the platform never settled, once its deadline passed,
    ///         so funds are never stuck if the platform disappears. Works while paused, on purpose.
    function reclaim(bytes32 orderId) external nonReentrant {
        Order storage order = _orders[orderId];
        if (order.status == OrderStatus.None) revert OrderNotFunded(orderId);
        if (order.status != OrderStatus.Funded) revert OrderClosed(orderId);
        if (order.payer != msg.sender) revert NotOrderPayer(orderId, order.payer);
        if (block.timestamp < order.reclaimableAt) revert ReclaimTooEarly(orderId, order.reclaimableAt);
        uint256 amount = order.balance;
        order.balance = 0;
        order.status = OrderStatus.Reclaimed;
        token.safeTransfer(msg.sender, amount);
        emit Reclaimed(orderId, msg.sender, amount);
    }

    // ---------------------------------------------------------------- administration

    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (treasury_ == address(0)) revert ZeroAddress();
        emit TreasuryChanged(treasury, treasury_);
        treasury = treasury_;
    }

    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- views

    function orderOf(bytes32 orderId) external view returns (Order memory) {
        return _orders[orderId];
    }

    function payoutOf(bytes32 orderId) external view returns (Payout memory) {
        return _payouts[orderId];
    }
}
