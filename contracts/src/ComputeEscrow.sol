// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title CyberPlaza compute escrow (v2)
/// @notice Holds USDC per compute order until the platform settles it into a provider payout, a
///         platform fee and an owner refund; holds the payout for a dispute window during which the
///         owner can dispute it and a guardian can freeze it; resolves disputes by any split.
/// @dev An order's key is keccak256(abi.encode(owner, ref)): whoever pays, the order belongs to the
///      owner it was opened for, so a stranger's deposit can only add to it, never take it over.
///      Every party pulls its own money, so one party that cannot receive never blocks another.
///      Invariant: token.balanceOf(this) == sum(Funded balances) + sum(payouts not yet withdrawn)
///      + sum(refundOf) + accruedFees + insuranceReserve, unless someone sent USDC directly.
///      No single hot key moves money out at once: the settler can only create payouts held for at
///      least the contract-wide dispute window, which the guardian can freeze; parameters, the
///      treasury, escalated disputes and insurance claims belong to governance (a timelock).
contract ComputeEscrow is AccessControl, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");
    bytes32 public constant SETTLER_ROLE = keccak256("SETTLER_ROLE");
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");

    uint256 private constant BPS = 10_000;

    enum Status {
        None,
        /// Deposits held; `amount` is the balance, `deadline` when the owner may reclaim it.
        Funded,
        /// Settled; `amount` is the provider's payout, `deadline` when it is released.
        Held,
        /// The owner (or the platform on the owner's behalf) disputed the held payout.
        Disputed,
        /// The guardian froze the held payout.
        Frozen,
        /// A dispute was resolved; `amount` is the provider's share, withdrawable at once.
        Resolved,
        /// Nothing left: the payout was withdrawn, or there never was one.
        Closed,
        /// The owner took the balance back after the deadline, unsettled.
        Reclaimed
    }

    /// @dev One slot per order: the settlement turns the balance into the payout in place.
    ///      uint56 micro-USDC is 72 billion USDC; uint32 seconds reach the year 2106.
    struct Order {
        uint56 amount;
        uint32 deadline;
        Status status;
        address provider;
    }

    /// @notice One order's split. The owner's refund is whatever the order holds beyond
    ///         providerAmount + fee, so money that arrived after the split was computed goes back to
    ///         the owner instead of making the settlement fail.
    struct Settlement {
        address owner;
        bytes32 ref;
        address provider;
        uint256 providerAmount;
        uint256 fee;
        uint32 releaseAt;
    }

    /// @dev One slot, read once per batch.
    struct Params {
        /// Shortest hold of a payout after its settlement; the settler cannot ask for less.
        uint32 minDisputeWindow;
        /// Highest fee as a share of providerAmount + fee: a stolen settler key cannot hand the
        /// whole deposit to the treasury either.
        uint16 maxFeeBps;
        /// Share of every fee set aside in the insurance reserve.
        uint16 insuranceBps;
        /// Disputes over a held payout larger than this are resolved by governance only.
        uint64 escalationThreshold;
        /// Largest single insurance claim.
        uint64 maxInsuranceClaim;
    }

    enum SkipReason {
        NotFunded,
        Underfunded,
        FeeTooHigh,
        NoProvider
    }

    IERC20 public immutable token;
    /// @notice How long after its first deposit an unsettled order can be reclaimed by its owner.
    ///         Top-ups do not move it, so nobody can postpone an owner's reclaim by paying dust.
    uint32 public immutable reclaimDelay;

    Params public params;
    address public treasury;
    uint256 public accruedFees;
    uint256 public insuranceReserve;

    mapping(bytes32 key => Order) private _orders;
    mapping(address owner => uint256) public refundOf;

    event Deposited(
        bytes32 indexed key, address indexed owner, bytes32 indexed ref, address payer, uint256 amount, uint256 balance
    );
    event Settled(
        bytes32 indexed key,
        address indexed owner,
        bytes32 indexed ref,
        address provider,
        uint256 providerAmount,
        uint256 fee,
        uint256 refund,
        uint256 releaseAt
    );
    event SettlementSkipped(bytes32 indexed key, address indexed owner, bytes32 indexed ref, SkipReason reason);
    event Reclaimed(bytes32 indexed key, address indexed owner, bytes32 indexed ref, uint256 amount);
    event DisputeOpened(bytes32 indexed key, address indexed owner, bytes32 indexed ref, address by, uint256 held);
    event PayoutFrozen(bytes32 indexed key, address indexed owner, bytes32 indexed ref, address by, uint256 held);
    event DisputeResolved(
        bytes32 indexed key, address indexed owner, bytes32 indexed ref, uint256 toProvider, uint256 toOwner, address by
    );
    event RefundWithdrawn(address indexed owner, uint256 amount);
    event PayoutWithdrawn(bytes32 indexed key, address indexed provider, uint256 amount);
    event FeesWithdrawn(address indexed treasury, uint256 amount);
    event InsuranceAccrued(uint256 amount, uint256 reserve);
    event InsuranceClaimPaid(bytes32 indexed claimId, address indexed to, uint256 amount, uint256 reserve);
    event TreasuryChanged(address indexed previous, address indexed current);
    event ParamsChanged(Params params);

    error ZeroAmount();
    error ZeroAddress();
    error EmptyBatch();
    error AmountTooLarge(uint256 amount);
    error InvalidParams();
    error OrderClosed(bytes32 key);
    error OrderNotFunded(bytes32 key);
    error ReclaimTooEarly(bytes32 key, uint32 reclaimableAt);
    error NotHeld(bytes32 key);
    error DisputeWindowOver(bytes32 key, uint32 releaseAt);
    error NotDisputed(bytes32 key);
    error EscalatedToGovernance(bytes32 key, uint256 held);
    error ResolutionTooLarge(bytes32 key, uint256 held);
    error NotPayee(bytes32 key);
    error PayoutLocked(bytes32 key, uint32 releaseAt);
    error NothingToWithdraw();
    error ClaimTooLarge(uint256 amount, uint256 limit);

    constructor(
        IERC20 token_,
        address governance,
        address treasury_,
        uint32 reclaimDelay_,
        Params memory params_,
        address settler,
        address guardian,
        address arbiter
    ) {
        if (
            address(token_) == address(0) || governance == address(0) || treasury_ == address(0) || settler == address(0)
                || guardian == address(0) || arbiter == address(0)
        ) revert ZeroAddress();
        _checkParams(params_);
        token = token_;
        treasury = treasury_;
        reclaimDelay = reclaimDelay_;
        params = params_;
        // Governance (the timelock) administers every role; no hot key can grant itself more.
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(GOVERNANCE_ROLE, governance);
        _grantRole(SETTLER_ROLE, settler);
        _grantRole(GUARDIAN_ROLE, guardian);
        _grantRole(ARBITER_ROLE, arbiter);
    }

    /// @notice The key of `owner`'s order `ref`.
    function keyOf(address owner, bytes32 ref) public pure returns (bytes32 key) {
        assembly ("memory-safe") {
            mstore(0x00, owner)
            mstore(0x20, ref)
            key := keccak256(0x00, 0x40)
        }
    }

    // ---------------------------------------------------------------- deposits

    /// @notice Pays `amount` into `owner`'s order `ref`. Anyone may pay: the order stays the owner's
    ///         and any refund goes to the owner.
    function deposit(address owner, bytes32 ref, uint256 amount) external whenNotPaused nonReentrant {
        _deposit(owner, ref, amount);
    }

    /// @notice Deposit authorised by an EIP-2612 permit signed by the caller, in one transaction.
    /// @dev The permit is tried, not required: if someone front-ran it with the same signature the
    ///      allowance is already there and the deposit still goes through.
    function depositWithPermit(
        address owner,
        bytes32 ref,
        uint256 amount,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external whenNotPaused nonReentrant {
        try IERC20Permit(address(token)).permit(msg.sender, address(this), amount, permitDeadline, v, r, s) {} catch {}
        _deposit(owner, ref, amount);
    }

    function _deposit(address owner, bytes32 ref, uint256 amount) private {
        if (amount == 0) revert ZeroAmount();
        if (owner == address(0)) revert ZeroAddress();
        bytes32 key = keyOf(owner, ref);
        Order storage order = _orders[key];
        Order memory current = order;
        uint256 balance = uint256(current.amount) + amount;
        if (balance > type(uint56).max) revert AmountTooLarge(balance);
        if (current.status == Status.None) {
            order.deadline = uint32(block.timestamp) + reclaimDelay;
            order.status = Status.Funded;
        } else if (current.status != Status.Funded) {
            revert OrderClosed(key);
        }
        order.amount = uint56(balance);

        token.safeTransferFrom(msg.sender, address(this), amount);
        emit Deposited(key, owner, ref, msg.sender, amount, balance);
    }

    // ---------------------------------------------------------------- settlement

    /// @notice Settles a batch. An order that cannot be settled is skipped with a SettlementSkipped
    ///         event and never makes the others revert.
    function settle(Settlement[] calldata batch) external onlyRole(SETTLER_ROLE) whenNotPaused {
        if (batch.length == 0) revert EmptyBatch();
        Params memory p = params;
        uint256 fees;
        for (uint256 i; i < batch.length; ++i) {
            fees += _settleOne(batch[i], p);
        }
        if (fees != 0) {
            uint256 insured = fees * p.insuranceBps / BPS;
            accruedFees += fees - insured;
            if (insured != 0) {
                uint256 reserve = insuranceReserve + insured;
                insuranceReserve = reserve;
                emit InsuranceAccrued(insured, reserve);
            }
        }
    }

    function _settleOne(Settlement calldata s, Params memory p) private returns (uint256) {
        bytes32 key = keyOf(s.owner, s.ref);
        Order storage order = _orders[key];
        Order memory current = order;
        uint256 charged = s.providerAmount + s.fee;
        SkipReason reason;
        if (current.status != Status.Funded) reason = SkipReason.NotFunded;
        else if (charged > current.amount) reason = SkipReason.Underfunded;
        else if (s.fee * BPS > charged * p.maxFeeBps) reason = SkipReason.FeeTooHigh;
        else if (s.providerAmount != 0 && s.provider == address(0)) reason = SkipReason.NoProvider;
        else return _applySettlement(order, key, s, current.amount - charged, p.minDisputeWindow);
        emit SettlementSkipped(key, s.owner, s.ref, reason);
        return 0;
    }

    function _applySettlement(Order storage order, bytes32 key, Settlement calldata s, uint256 refund, uint32 minWindow)
        private
        returns (uint256)
    {
        uint32 earliest = uint32(block.timestamp) + minWindow;
        uint32 releaseAt = s.releaseAt < earliest ? earliest : s.releaseAt;
        // Fits: providerAmount is at most the uint56 balance.
        order.amount = uint56(s.providerAmount);
        order.deadline = releaseAt;
        order.status = s.providerAmount == 0 ? Status.Closed : Status.Held;
        order.provider = s.provider;
        if (refund != 0) refundOf[s.owner] += refund;
        emit Settled(key, s.owner, s.ref, s.provider, s.providerAmount, s.fee, refund, releaseAt);
        return s.fee;
    }

    // ---------------------------------------------------------------- disputes

    /// @notice The owner disputes the held payout of its order `ref` before it is released: frozen
    ///         until an arbiter (or governance, over the escalation threshold) resolves it.
    function openDispute(bytes32 ref) external {
        _openDispute(msg.sender, ref);
    }

    /// @notice The platform opens the owner's dispute on the owner's behalf, with the same effect.
    function openDisputeFor(address owner, bytes32 ref) external onlyRole(SETTLER_ROLE) {
        _openDispute(owner, ref);
    }

    function _openDispute(address owner, bytes32 ref) private {
        bytes32 key = keyOf(owner, ref);
        Order storage order = _orders[key];
        if (order.status != Status.Held) revert NotHeld(key);
        if (block.timestamp >= order.deadline) revert DisputeWindowOver(key, order.deadline);
        order.status = Status.Disputed;
        emit DisputeOpened(key, owner, ref, msg.sender, order.amount);
    }

    /// @notice The guardian freezes a payout that has not been withdrawn yet (a settlement the
    ///         platform never made, for example), even after its release time.
    function freeze(address owner, bytes32 ref) external onlyRole(GUARDIAN_ROLE) {
        bytes32 key = keyOf(owner, ref);
        Order storage order = _orders[key];
        if (order.status != Status.Held) revert NotHeld(key);
        order.status = Status.Frozen;
        emit PayoutFrozen(key, owner, ref, msg.sender, order.amount);
    }

    /// @notice Splits a disputed or frozen payout: `toProvider` stays the provider's (withdrawable at
    ///         once), the rest becomes the owner's refund. Over the escalation threshold only
    ///         governance may decide.
    function resolve(address owner, bytes32 ref, uint256 toProvider) external nonReentrant {
        bytes32 key = keyOf(owner, ref);
        Order storage order = _orders[key];
        Status status = order.status;
        if (status != Status.Disputed && status != Status.Frozen) revert NotDisputed(key);
        uint256 held = order.amount;
        if (held > params.escalationThreshold) {
            if (!hasRole(GOVERNANCE_ROLE, msg.sender)) revert EscalatedToGovernance(key, held);
        } else if (!hasRole(ARBITER_ROLE, msg.sender) && !hasRole(GOVERNANCE_ROLE, msg.sender)) {
            revert AccessControlUnauthorizedAccount(msg.sender, ARBITER_ROLE);
        }
        if (toProvider > held) revert ResolutionTooLarge(key, held);
        uint256 toOwner = held - toProvider;
        order.amount = uint56(toProvider);
        order.status = toProvider == 0 ? Status.Closed : Status.Resolved;
        if (toOwner != 0) refundOf[owner] += toOwner;
        emit DisputeResolved(key, owner, ref, toProvider, toOwner, msg.sender);
    }

    // ---------------------------------------------------------------- withdrawals

    /// @notice Sends the caller's refunds to the caller. Works while paused, on purpose.
    /// @dev Always to msg.sender: letting a caller name another recipient would let an address the
    ///      token has blacklisted move its funds out through the escrow.
    function withdrawRefund() external nonReentrant {
        uint256 amount = refundOf[msg.sender];
        if (amount == 0) revert NothingToWithdraw();
        refundOf[msg.sender] = 0;
        token.safeTransfer(msg.sender, amount);
        emit RefundWithdrawn(msg.sender, amount);
    }

    /// @notice Sends the caller's released payouts for `keys` to the caller.
    function withdrawPayouts(bytes32[] calldata keys) external whenNotPaused nonReentrant {
        uint256 total;
        for (uint256 i; i < keys.length; ++i) {
            bytes32 key = keys[i];
            Order storage order = _orders[key];
            Order memory current = order;
            if (current.provider != msg.sender) revert NotPayee(key);
            // Already withdrawn: skipping keeps a retried withdrawal from failing the whole batch.
            if (current.status == Status.Closed) continue;
            if (current.status == Status.Held) {
                if (block.timestamp < current.deadline) revert PayoutLocked(key, current.deadline);
            } else if (current.status != Status.Resolved) {
                revert NotHeld(key);
            }
            order.amount = 0;
            order.status = Status.Closed;
            total += current.amount;
            emit PayoutWithdrawn(key, msg.sender, current.amount);
        }
        if (total == 0) revert NothingToWithdraw();
        token.safeTransfer(msg.sender, total);
    }

    /// @notice Sends the accrued platform fees to the treasury. Anyone may trigger it.
    function withdrawFees() external whenNotPaused nonReentrant {
        uint256 amount = accruedFees;
        if (amount == 0) revert NothingToWithdraw();
        accruedFees = 0;
        token.safeTransfer(treasury, amount);
        emit FeesWithdrawn(treasury, amount);
    }

    /// @notice Lets an owner take back an order the platform never settled, once its deadline
    ///         passed, so funds are never stuck if the platform disappears. Works while paused.
    function reclaim(bytes32 ref) external nonReentrant {
        bytes32 key = keyOf(msg.sender, ref);
        Order storage order = _orders[key];
        Order memory current = order;
        if (current.status == Status.None) revert OrderNotFunded(key);
        if (current.status != Status.Funded) revert OrderClosed(key);
        if (block.timestamp < current.deadline) revert ReclaimTooEarly(key, current.deadline);
        order.amount = 0;
        order.status = Status.Reclaimed;
        token.safeTransfer(msg.sender, current.amount);
        emit Reclaimed(key, msg.sender, ref, current.amount);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Pays a verified claim from the insurance reserve.
    function payInsuranceClaim(bytes32 claimId, address to, uint256 amount)
        external
        onlyRole(GOVERNANCE_ROLE)
        nonReentrant
    {
        if (to == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        if (amount > params.maxInsuranceClaim) revert ClaimTooLarge(amount, params.maxInsuranceClaim);
        uint256 reserve = insuranceReserve;
        if (amount > reserve) revert ClaimTooLarge(amount, reserve);
        insuranceReserve = reserve - amount;
        token.safeTransfer(to, amount);
        emit InsuranceClaimPaid(claimId, to, amount, reserve - amount);
    }

    function setTreasury(address treasury_) external onlyRole(GOVERNANCE_ROLE) {
        if (treasury_ == address(0)) revert ZeroAddress();
        emit TreasuryChanged(treasury, treasury_);
        treasury = treasury_;
    }

    function setParams(Params calldata params_) external onlyRole(GOVERNANCE_ROLE) {
        _checkParams(params_);
        params = params_;
        emit ParamsChanged(params_);
    }

    function _checkParams(Params memory p) private pure {
        if (p.maxFeeBps > BPS || p.insuranceBps > BPS) revert InvalidParams();
    }

    /// @notice The guardian's brake: stops deposits, settlements and payout and fee withdrawals;
    ///         never refunds, reclaims or dispute resolutions.
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @notice Only governance lifts the brake, so a stolen guardian key cannot undo a pause it did not make.
    function unpause() external onlyRole(GOVERNANCE_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- views

    function orderOf(address owner, bytes32 ref) external view returns (Order memory) {
        return _orders[keyOf(owner, ref)];
    }

    function orderAt(bytes32 key) external view returns (Order memory) {
        return _orders[key];
    }
}
