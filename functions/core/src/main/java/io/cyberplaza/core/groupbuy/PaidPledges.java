package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementStatus;

/**
 * Whether the pledge that bought a coupon is paid for good: settled, with its settlement confirmed on
 * chain. Until then a reorganisation or its owner's reclaim can still undo the payment, so the coupon
 * may be neither shown nor spent: a use cannot be taken back.
 */
final class PaidPledges {
    private final GroupBuyStore store;
    private final SettlementRepository settlements;

    PaidPledges(GroupBuyStore store, SettlementRepository settlements) {
        this.store = store;
        this.settlements = settlements;
    }

    boolean paidForGood(Coupon coupon) {
        if (coupon.pledgeId() == null) return false;
        boolean settled = store.pledge(coupon.pledgeId()).filter(p -> p.status() == Pledge.PledgeStatus.SETTLED).isPresent();
        return settled && settlements.find(coupon.pledgeId()).filter(s -> s.status() == SettlementStatus.CONFIRMED).isPresent();
    }
}
