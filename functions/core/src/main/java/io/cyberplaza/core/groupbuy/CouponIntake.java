package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where every collector hands its codes over (the vendor's API, the vendor's webhook, an operator's
 * upload): checked, de-duplicated by fingerprint (within the delivery and against what is held),
 * sealed, and stored as AVAILABLE coupons of the campaign. Delivering the same codes again adds nothing.
 */
public final class CouponIntake {
    private static final Logger log = LoggerFactory.getLogger(CouponIntake.class);
    /** Vendors' codes are short printable tokens; anything else is a broken delivery, not a code. */
    private static final Pattern CODE = Pattern.compile("[\\x21-\\x7E]{4,128}");

    private final GroupBuyStore store;
    private final CodeVault vault;
    private final Clock clock;

    public CouponIntake(GroupBuyStore store, CodeVault vault, Clock clock) {
        this.store = store;
        this.vault = vault;
        this.clock = clock;
    }

    /** What became of a delivery. */
    public record Receipt(int received, int added, int duplicates) {
    }

    public Receipt receive(String campaignId, List<DeliveredCode> codes) {
        Campaign campaign = store.campaign(campaignId)
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no campaign " + campaignId));
        if (campaign.status() == CampaignStatus.FAILED || campaign.status() == CampaignStatus.SETTLED) {
            throw new DomainException(ErrorType.STATE_CONFLICT, "campaign " + campaignId + " is " + campaign.status() + ": it takes no coupons");
        }
        Instant now = clock.instant();
        for (int i = 0; i < codes.size(); i++) {
            DeliveredCode code = codes.get(i);
            // The position, never the code: the refusal may be logged or shown.
            if (!CODE.matcher(code.code()).matches()) {
                throw new DomainException(ErrorType.INVALID_REQUEST, "code " + (i + 1) + " is not 4 to 128 visible ASCII characters");
            }
            if (!code.expiresAt().isAfter(now)) throw new DomainException(ErrorType.INVALID_REQUEST, "code " + (i + 1) + " has expired");
        }
        Map<String, DeliveredCode> byFingerprint = new LinkedHashMap<>();
        for (DeliveredCode code : codes) byFingerprint.putIfAbsent(vault.fingerprint(campaign.vendor(), code.code()), code);
        List<String> ids = new ArrayList<>(byFingerprint.keySet());
        List<SealedCode> sealed = vault.seal(byFingerprint.values().stream().map(DeliveredCode::code).toList());
        List<Coupon> coupons = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            coupons.add(Coupon.collected(ids.get(i), campaign, sealed.get(i), byFingerprint.get(ids.get(i)).expiresAt()));
        }
        int added = store.addCoupons(coupons).size();
        Receipt receipt = new Receipt(codes.size(), added, codes.size() - added);
        log.info("campaign {} received {} coupon codes: {} new, {} duplicates", campaignId, receipt.received(), receipt.added(),
                receipt.duplicates());
        return receipt;
    }
}
