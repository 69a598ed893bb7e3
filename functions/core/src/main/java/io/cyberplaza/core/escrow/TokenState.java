package io.cyberplaza.core.escrow;

/**
 * Port: what the stablecoin's issuer has decided about the escrow, read from the token itself. A USDC
 * pause stops every transfer, and a blacklisted escrow can neither receive nor pay out: in both cases
 * a buyer's deposit, a payout and even the owner's reclaim fail until the issuer lifts it, so the
 * platform must not take new money while either holds. Throws when the token cannot be read.
 */
public interface TokenState {

    /** The issuer's switches as they stand: the whole token paused, the escrow's own address blacklisted. */
    record Status(boolean paused, boolean escrowBlacklisted) {
        public static final Status USABLE = new Status(false, false);

        public boolean usable() {
            return !paused && !escrowBlacklisted;
        }
    }

    Status read();
}
