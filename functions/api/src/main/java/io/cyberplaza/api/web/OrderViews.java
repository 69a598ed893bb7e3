package io.cyberplaza.api.web;

import io.cyberplaza.core.escrow.EscrowInfo;
import io.cyberplaza.core.escrow.PermitNonces;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.money.Billing;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementCalculator;
import io.cyberplaza.core.settlement.SettlementRepository;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds what a client sees of an order, including what its wallet must sign to pay. */
@Singleton
public final class OrderViews {
    private static final Logger log = LoggerFactory.getLogger(OrderViews.class);
    private static final java.time.Duration PERMIT_GRACE = java.time.Duration.ofHours(1);
    private final EscrowInfo escrow;
    private final PermitNonces permitNonces;
    private final SettlementRepository settlements;

    public OrderViews(EscrowInfo escrow, PermitNonces permitNonces, SettlementRepository settlements) {
        this.escrow = escrow;
        this.permitNonces = permitNonces;
        this.settlements = settlements;
    }

    public static Dtos.SettlementView view(Settlement s) {
        return view(s, null);
    }

    private static Dtos.SettlementView view(Settlement s, String feeWithoutDiscount) {
        return new Dtos.SettlementView(s.status().name(), Long.toString(s.deposit()), Long.toString(s.providerAmount()),
                Long.toString(s.fee()), feeWithoutDiscount, Long.toString(s.refund()), s.releaseAt(), s.outboxTxId());
    }

    public Dtos.OrderView view(Order order) {
        // A coupon order owes the escrow nothing: it is paid, or waits for its coupon's redemption.
        long outstanding = order.isPaidByCoupon() ? 0 : Math.max(0, order.escrowAmount() - order.deposited());
        // Only an order still waiting for its deposit is offered a way to pay: money sent to an ended one is only refunded.
        boolean payable = order.state() == OrderState.QUOTED && outstanding > 0;
        Map<String, Object> permit = payable ? permit(order, outstanding).orElse(null) : null;
        Dtos.UsageView usage = order.usage() == null ? null : new Dtos.UsageView(order.usage().startedAt(), order.usage().endedAt(),
                order.usage().usedSeconds(), order.usage().lostSeconds(),
                order.usage().endReason() == null ? null : order.usage().endReason().name(), order.usage().meteredUnitSeconds());
        Dtos.SettlementView settlement = order.state().mayHaveSettlement()
                ? settlements.find(order.orderId())
                .map(s -> view(s, Long.toString(Billing.fee(SettlementCalculator.cost(order), order.terms().feeBps())))).orElse(null) : null;
        return new Dtos.OrderView(order.orderId(), order.state().name(), order.terms().offerId(), order.unitsPerTask(),
                order.terms().purchasedSeconds(), order.workload().plan().tasks(), Long.toString(order.terms().pricePerHour()), Long.toString(order.escrowAmount()),
                Long.toString(order.deposited()), order.createdAt(), order.expiresAt(), order.workload().template(),
                order.workload().parameters(),
                new Dtos.EscrowView(escrow.chainId(), escrow.escrow(), escrow.token(), order.owner(), order.orderId(),
                        Long.toString(outstanding), payable ? approveAndDeposit(order, outstanding) : null),
                permit, usage, settlement, order.couponId(), order.resourceId());
    }

    /**
     * approve(escrow, owed) on the token, then deposit(owner, orderId, owed) on the escrow. Whoever
     * sends them pays into the owner's order; the approval is for exactly what is owed, so nothing is
     * left for the escrow to take later.
     */
    private List<Dtos.CallView> approveAndDeposit(Order order, long owed) {
        BigInteger amount = BigInteger.valueOf(owed);
        String approve = FunctionEncoder.encode(new Function("approve", List.of(new Address(escrow.escrow()), new Uint256(amount)), List.of()));
        String deposit = FunctionEncoder.encode(new Function("deposit",
                List.of(new Address(order.owner()), new Bytes32(Numeric.hexStringToByteArray(order.orderId())), new Uint256(amount)), List.of()));
        return List.of(new Dtos.CallView(escrow.token(), approve, "0", "approve the escrow to take the amount owed"),
                new Dtos.CallView(escrow.escrow(), deposit, "0", "deposit the amount owed into the order"));
    }

    /**
     * EIP-712 typed data of an EIP-2612 permit for the amount still owed. It stays valid an hour past
     * the funding deadline: chain clocks drift from ours, and a deposit after the deadline is refunded
     * in full anyway, so the signature's own deadline must never be what loses a buyer's payment.
     */
    private java.util.Optional<Map<String, Object>> permit(Order order, long value) {
        BigInteger nonce;
        try {
            nonce = permitNonces.nonceOf(order.owner());
        } catch (java.io.UncheckedIOException unreadable) {
            // The order stands and can be paid by approve and deposit; the permit comes with the next read.
            log.warn("no permit for order {}: {}", order.orderId(), unreadable.getMessage());
            return java.util.Optional.empty();
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("types", Map.of(
                "EIP712Domain", List.of(field("name", "string"), field("version", "string"), field("chainId", "uint256"),
                        field("verifyingContract", "address")),
                "Permit", List.of(field("owner", "address"), field("spender", "address"), field("value", "uint256"),
                        field("nonce", "uint256"), field("deadline", "uint256"))));
        typed.put("primaryType", "Permit");
        typed.put("domain", Map.of("name", escrow.tokenName(), "version", escrow.tokenVersion(), "chainId", escrow.chainId(),
                "verifyingContract", escrow.token()));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("owner", order.owner());
        message.put("spender", escrow.escrow());
        message.put("value", Long.toString(value));
        message.put("nonce", nonce.toString());
        message.put("deadline", Long.toString(order.expiresAt().plus(PERMIT_GRACE).getEpochSecond()));
        typed.put("message", message);
        return java.util.Optional.of(typed);
    }

    private static Map<String, String> field(String name, String type) {
        Map<String, String> field = new LinkedHashMap<>();
        field.put("name", name);
        field.put("type", type);
        return field;
    }
}
