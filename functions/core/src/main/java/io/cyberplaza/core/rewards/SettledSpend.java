package io.cyberplaza.core.rewards;

/**
 * What one order settled in an epoch counts for rewards: the money that stayed spent, i.e. what the
 * provider kept plus the platform's fee. Refunds never count; a resolved dispute counts only what the
 * provider kept; an order paid by a coupon counts nothing (its money was spent, and rewarded, when the
 * coupon's campaign settled).
 *
 * @param spentMicroUsdc     provider's kept payout + fee, in USDC base units
 * @param certifiedProvider  whether the provider was certified when the epoch was computed
 * @param feeMicroUsdc       the platform's fee in it, which the week's fee split shares out
 */
public record SettledSpend(String orderId, String buyer, String provider, long spentMicroUsdc, boolean certifiedProvider, long feeMicroUsdc) {
    public SettledSpend {
        if (orderId == null || buyer == null || provider == null) throw new IllegalArgumentException("an order, a buyer and a provider");
        if (spentMicroUsdc < 0 || feeMicroUsdc < 0 || feeMicroUsdc > spentMicroUsdc) throw new IllegalArgumentException("spent and its fee are never negative");
    }

    /** A spend whose fee does not matter (rewards count the spend whole). */
    public SettledSpend(String orderId, String buyer, String provider, long spentMicroUsdc, boolean certifiedProvider) {
        this(orderId, buyer, provider, spentMicroUsdc, certifiedProvider, 0);
    }

    public static SettledSpend couponPaid(String orderId, String buyer, String provider) {
        return new SettledSpend(orderId, buyer, provider, 0, false);
    }
}
