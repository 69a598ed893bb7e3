package io.cyberplaza.api.web;

import io.cyberplaza.core.pricing.PricingRounds;
import io.cyberplaza.core.pricing.Rejection;
import io.cyberplaza.core.quote.PriceSnapshot;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The API's request and response bodies. Amounts are strings of micro-USDC (6 decimals). */
public final class Dtos {
    private Dtos() {
    }

    public static final String ADDRESS = "0x[0-9a-fA-F]{40}";
    public static final String ORDER_ID = "0x[0-9a-f]{64}";

    @Serdeable
    @Schema(name = "NonceRequest")
    public record NonceRequest(@Schema(description = "The wallet that will sign in", example = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8")
                               @NotBlank @Pattern(regexp = ADDRESS) String address) {
    }

    @Serdeable
    @Schema(name = "NonceResponse")
    public record NonceResponse(@Schema(description = "Single-use nonce", example = "5f2b6c0e9d7a4a1f8e3b2c1d0a9f8e7d") String nonce,
                                @Schema(description = "Sign and log in before this") Instant expiresAt,
                                @Schema(description = "The EIP-4361 message to sign with personal_sign, as is") String message) {
    }

    @Serdeable
    @Schema(name = "LoginRequest")
    public record LoginRequest(@Schema(description = "The message from POST /auth/nonce") @NotBlank @Size(max = 4_096) String message,
                               @Schema(description = "personal_sign signature of the message, hex: 65 bytes from a key; from a "
                                       + "contract account (a Safe, an ERC-4337 account) whatever its isValidSignature accepts (EIP-1271), "
                                       + "wrapped per ERC-6492 while the account is not deployed yet")
                               @NotBlank @Pattern(regexp = "0x[0-9a-fA-F]{130,16384}") String signature) {
    }

    @Serdeable
    @Schema(name = "LoginResponse")
    public record LoginResponse(@Schema(description = "Session token for the Authorization header") String token,
                                @Schema(example = "Bearer") String tokenType,
                                @Schema(example = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8") String address,
                                @Schema(description = "USER, and PROVIDER or OPERATOR when granted", example = "[\"USER\"]") List<String> roles,
                                Instant expiresAt) {
    }

    @Serdeable
    @Schema(name = "QuoteRequest")
    public record QuoteRequestBody(@Schema(example = "local-cpu") @NotBlank @Size(max = 64) String offerId,
                                   @Schema(description = "How many units", example = "1") @Min(1) @Max(1_024) int units,
                                   @Schema(description = "Purchased time", example = "600") @Min(60) @Max(31_536_000) long seconds,
                                   @Schema(description = "A template of the offer", example = "prime-sieve") @Nullable @Size(max = 64) String template,
                                   @Schema(description = "The template's parameters", example = "{\"limit\":\"2000000\"}")
                                   @Nullable @Size(max = 16) Map<@Size(max = 32) String, @Size(max = 128) String> parameters,
                                   @Schema(description = "Your own batch script, for an HPC offer's template batch-script; run by bash as the centre's job user")
                                   @Nullable @Size(max = 65_536) String script,
                                   @Schema(description = "HPC offers: run one task per value of one parameter (a job array); "
                                           + "units and seconds are each task's, the escrow pays for every task")
                                   @Nullable @Valid SweepBody sweep,
                                   @Schema(description = "HPC offers: a workflow of 2 to 16 steps, each starting once the steps it follows ended well; "
                                           + "a failed step cancels those after it and their share is refunded")
                                   @Nullable @Size(min = 2, max = 16) List<@Valid StepBody> steps) {

        /** A request for one task. */
        public QuoteRequestBody(String offerId, int units, long seconds, String template, Map<String, String> parameters) {
            this(offerId, units, seconds, template, parameters, null, null, null);
        }
    }

    @Serdeable
    @Schema(name = "Sweep", description = "Either values, or a range from..to by step (integers)")
    public record SweepBody(@Schema(example = "seed") @NotBlank @Size(max = 64) String parameter,
                            @Nullable @Size(min = 1, max = 1_000) List<@NotBlank @Size(max = 128) String> values,
                            @Schema(example = "1") @Nullable Long from,
                            @Schema(example = "100") @Nullable Long to,
                            @Schema(example = "1") @Nullable @Min(1) Long step) {
    }

    @Serdeable
    @Schema(name = "WorkflowStep")
    public record StepBody(@Schema(example = "prepare") @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,31}") String name,
                           @Schema(example = "pi-monte-carlo") @NotBlank @Size(max = 64) String template,
                           @Nullable @Size(max = 16) Map<@Size(max = 32) String, @Size(max = 128) String> parameters,
                           @Schema(description = "Your own batch script, for the template batch-script") @Nullable @Size(max = 65_536) String script,
                           @Schema(description = "The earlier steps this one starts after (afterok)", example = "[\"prepare\"]")
                           @Nullable @Size(max = 16) List<@NotBlank @Size(max = 32) String> after) {
    }

    @Serdeable
    @Schema(name = "Quote")
    public record QuoteView(@Schema(example = "0b1e4c9a-5d1f-4a8e-9c3b-2f6d7e8a9b0c") String quoteId,
                            @Schema(example = "local-cpu") String offerId,
                            @Schema(description = "Units of each task", example = "1") int units,
                            @Schema(description = "Purchased time of each task", example = "600") long seconds,
                            @Schema(description = "Tasks the escrow pays for: a sweep's values or a workflow's steps, else 1", example = "1") int tasks,
                            @Schema(description = "Micro-USDC per unit-hour, fixed by this quote", example = "10000000") String pricePerHour,
                            @Schema(description = "Micro-USDC for the purchased time", example = "1666666") String estimate,
                            @Schema(description = "20 % on top, refunded if unused", example = "333333") String contingency,
                            @Schema(description = "What the escrow must hold: estimate + contingency", example = "1999999") String escrowAmount,
                            @Schema(example = "400") int feeBps,
                            @Schema(description = "The buyer's veCPT discount, in basis points of the platform's fee (500, 1000 or 1500 by tier; 0 without)", example = "500") int feeDiscountBps,
                            @Schema(description = "Micro-USDC: the platform's fee on the estimate before the discount", example = "66666") String feeWithoutDiscount,
                            @Schema(description = "Micro-USDC: the fee the estimate is charged; the difference is refunded with the unused deposit", example = "63333") String feeCharged,
                            @Schema(description = "The price holds until then (15 minutes)") Instant expiresAt,
                            @Schema(description = "The market this quote was priced against") PriceSnapshotView priceSnapshot) {
    }

    @Serdeable
    @Schema(name = "PriceSnapshot", description = "The published prices a quote was made against, kept with it")
    public record PriceSnapshotView(@Schema(description = "The comparable key of the offer, if it has one", example = "vcpu_hour/us-east") @Nullable String key,
                                    @Schema(description = "Its published price then, micro-USD per unit-hour; null when none was recent", example = "41500") @Nullable String marketPricePerHour,
                                    @Schema(description = "How many sources that price was the median of", example = "3") int marketSources,
                                    @Nullable Instant marketPublishedAt,
                                    @Schema(description = "One USDC in micro-USD when quoted (quoting pauses beyond 0.5 % from 1,000,000)", example = "999870") String usdPerUsdc,
                                    Instant pegReadAt,
                                    @Schema(description = "The buyer's veCPT voting power read for the quote, 18 decimals; null when it could not be read (no discount then)",
                                            example = "2500000000000000000000") @Nullable String buyerVotingPower) {
        static PriceSnapshotView of(PriceSnapshot s) {
            return new PriceSnapshotView(s.key(), s.marketMicroUsd() == null ? null : Long.toString(s.marketMicroUsd()), s.marketSources(),
                    s.marketAt(), Long.toString(s.usdPerUsdcMicros()), s.pegAt(), s.buyerVotingPower() == null ? null : s.buyerVotingPower().toString());
        }
    }

    @Serdeable
    @Schema(name = "OrderRequest")
    public record CreateOrderBody(@Schema(example = "0b1e4c9a-5d1f-4a8e-9c3b-2f6d7e8a9b0c") @NotNull @NotBlank @Size(max = 64) String quoteId,
                                  @Schema(description = "Pay with this resource coupon of yours instead of a deposit; it is used whole, once",
                                          example = "cpn_3f1d0c9a8b7e6d5c4b3a29180f7e6d5c4b3a2918")
                                  @Nullable @Pattern(regexp = GroupBuyDtos.COUPON_ID) String couponId) {

        /** An order paid by deposit. */
        public CreateOrderBody(String quoteId) {
            this(quoteId, null);
        }
    }

    @Serdeable
    @Schema(name = "Escrow", description = "Where and how much to deposit")
    public record EscrowView(@Schema(example = "31337") long chainId,
                             @Schema(description = "The escrow contract", example = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512") String contract,
                             @Schema(description = "The USDC token", example = "0x5fbdb2315678afecb367f032d93f642f64180aa3") String token,
                             @Schema(description = "The order's owner: deposit(owner, orderId, amount) pays into the owner's order, whoever sends it", example = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266") String owner,
                             @Schema(description = "bytes32 order id (the order's reference) for deposit(owner, orderId, amount)", example = "0x4d3c5e5c0bd2f0e6a8b0e3ff02f1e7d0a9a1d1c3b5e7f9a1c3e5f7a9b1d3f5e7") String orderId,
                             @Schema(description = "Micro-USDC still to deposit", example = "1999999") String amount,
                             @Schema(description = "The calls that pay the amount still owed, to send in this order from the paying "
                                     + "wallet: the token's approve, then the escrow's deposit. The way to pay for a contract account "
                                     + "(a Safe batches them in one transaction with MultiSendCallOnly, an ERC-4337 account in one "
                                     + "user operation), which cannot use the permit; absent once nothing is owed")
                             @Nullable List<CallView> calls) {
    }

    @Serdeable
    @Schema(name = "Call", description = "A contract call for a wallet to send")
    public record CallView(@Schema(description = "The contract called", example = "0x5fbdb2315678afecb367f032d93f642f64180aa3") String to,
                           @Schema(description = "ABI-encoded call data", example = "0x095ea7b3...") String data,
                           @Schema(description = "Wei sent with it", example = "0") String value,
                           @Schema(description = "What the call is for", example = "approve the escrow to take the amount owed") String purpose) {
    }

    @Serdeable
    @Schema(name = "Usage")
    public record UsageView(@Nullable Instant startedAt, @Nullable Instant endedAt,
                            @Schema(example = "540") long usedSeconds,
                            @Schema(description = "Seconds the resource was unavailable: not billed", example = "0") long lostSeconds,
                            @Schema(description = "USER_COMPLETED, TIME_UP, ESCROW_EXHAUSTED, RESOURCE_GONE, RESOURCE_FAILED, NEVER_STARTED or PROVISION_FAILED")
                            @Nullable String endReason,
                            @Schema(description = "Unit-seconds the provider metered itself (an HPC centre's core-seconds over every task), "
                                    + "which is what is billed; absent where the bill is units times the time used", example = "1234")
                            @Nullable Long meteredUnitSeconds) {
    }

    @Serdeable
    @Schema(name = "Settlement", description = "deposit = providerPayout + fee + refund")
    public record SettlementView(@Schema(description = "COMPUTED, SUBMITTED or CONFIRMED", example = "CONFIRMED") String status,
                                 @Schema(example = "1999999") String deposit,
                                 @Schema(example = "1440000") String providerPayout,
                                 @Schema(description = "The platform's fee charged, after the buyer's veCPT discount", example = "54000") String fee,
                                 @Schema(description = "The fee before that discount; the difference was refunded (on the order's own view only)", example = "60000")
                                 @Nullable String feeWithoutDiscount,
                                 @Schema(example = "505999") String refund,
                                 @Schema(description = "Unix time when the provider may withdraw (dispute window)") long releaseAt,
                                 @Nullable String transactionId) {
    }

    @Serdeable
    @Schema(name = "Order")
    public record OrderView(@Schema(description = "bytes32, hex", example = "0x4d3c5e5c0bd2f0e6a8b0e3ff02f1e7d0a9a1d1c3b5e7f9a1c3e5f7a9b1d3f5e7") String orderId,
                            @Schema(description = "QUOTED, FUNDED, PROVISIONING, RUNNING, STOPPING, COMPLETED, SETTLING, SETTLED, EXPIRED or PROVISION_FAILED",
                                    example = "QUOTED") String state,
                            @Schema(example = "local-cpu") String offerId,
                            @Schema(description = "Units of each task", example = "1") int units,
                            @Schema(description = "Purchased time of each task", example = "600") long seconds,
                            @Schema(description = "Tasks the escrow pays for: a sweep's values or a workflow's steps, else 1", example = "1") int tasks,
                            @Schema(example = "10000000") String pricePerHour,
                            @Schema(description = "Micro-USDC the escrow must hold", example = "1999999") String escrowAmount,
                            @Schema(description = "Micro-USDC deposited and confirmed", example = "0") String deposited,
                            Instant createdAt,
                            @Schema(description = "Deposit before this or the order expires") Instant fundingDeadline,
                            @Schema(example = "prime-sieve") String template,
                            Map<String, String> parameters,
                            EscrowView escrow,
                            @Schema(description = "EIP-712 typed data (types, primaryType, domain, message) of a USDC permit "
                                    + "for the escrow amount, for eth_signTypedData_v4; absent once paid, and absent while the token's "
                                    + "permit nonce cannot be read from the chain (read the order again, or approve and deposit)",
                                    type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
                            @Nullable Map<String, Object> permit,
                            @Nullable UsageView usage,
                            @Nullable SettlementView settlement,
                            @Schema(description = "The resource coupon that paid for the order; absent for an order paid by deposit")
                            @Nullable String couponId,
                            @Schema(description = "The provider's id of the run once launched (an HPC order: the cluster's job ids)")
                            @Nullable String resourceId) {
    }

    @Serdeable
    @Schema(name = "OperatorSettlement", description = "A settlement in the platform-wide view")
    public record OperatorSettlementView(@Schema(example = "0x4d3c5e5c0bd2f0e6a8b0e3ff02f1e7d0a9a1d1c3b5e7f9a1c3e5f7a9b1d3f5e7") String orderId,
                                         @Schema(example = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8") @Nullable String provider,
                                         SettlementView settlement) {
    }

    @Serdeable
    @Schema(name = "Account")
    public record AccountView(@Schema(example = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8") String address,
                              @Schema(example = "[\"PROVIDER\",\"USER\"]") List<String> roles) {
    }

    @Serdeable
    @Schema(name = "Health")
    public record Health(@Schema(example = "ok") String status) {
    }

    @Serdeable
    @Schema(name = "PricingRound", description = "One run of the pricing oracle, kept 30 days")
    public record PricingRoundView(Instant at,
                                   @Schema(description = "Records read from every source", example = "48211") int observations,
                                   @Schema(example = "4") int sourcesRead,
                                   List<String> sourcesFailed,
                                   @Schema(example = "37") int pricesPublished,
                                   @Schema(example = "1") int feedsUpdated,
                                   @Schema(description = "Every rejection of the round; the list below holds the first 5,000", example = "12") int rejectionsTotal,
                                   List<RejectionView> rejections) {
        static PricingRoundView of(PricingRounds.RoundRecord round) {
            return new PricingRoundView(round.at(), round.observations(), round.sourcesRead(), round.sourcesFailed(), round.pricesPublished(),
                    round.feedsUpdated(), round.rejectionsTotal(), round.rejections().stream().map(RejectionView::of).toList());
        }
    }

    @Serdeable
    @Schema(name = "PriceRejection", description = "A record or a source kept out of a pricing round")
    public record RejectionView(@Schema(example = "azure-retail") @Nullable String source,
                                @Schema(description = "The source's own id of the record", example = "DZH318Z0BQ4L/0001") @Nullable String recordId,
                                @Schema(example = "vcpu_hour/us-east") @Nullable String key,
                                @Schema(description = "MISSING, ZERO, NEGATIVE, ABSURD, WRONG_CURRENCY, STALE, OUTLIER, TOO_FEW_SOURCES or SOURCE_FAILED", example = "OUTLIER")
                                String reason,
                                @Nullable String detail) {
        static RejectionView of(Rejection r) {
            return new RejectionView(r.source(), r.recordId(), r.key() == null ? null : r.key().toString(), r.reason().name(), r.detail());
        }
    }
}
