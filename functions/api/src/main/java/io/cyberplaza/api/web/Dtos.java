package io.cyberplaza.api.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
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
    public record NonceRequest(@NotBlank @Pattern(regexp = ADDRESS) String address) {
    }

    @Serdeable
    public record NonceResponse(String nonce, Instant expiresAt, String message) {
    }

    @Serdeable
    public record LoginRequest(@NotBlank @Size(max = 4_096) String message,
                               @NotBlank @Pattern(regexp = "0x[0-9a-fA-F]{130}") String signature) {
    }

    @Serdeable
    public record LoginResponse(String token, String tokenType, String address, List<String> roles, Instant expiresAt) {
    }

    @Serdeable
    public record OfferView(String offerId, String title, String resourceType, String region, String unit,
                            String pricePerHour, String tier, int feeBps, List<String> templates, int maxUnits, int maxHours) {
    }

    @Serdeable
    public record QuoteRequestBody(@NotBlank @Size(max = 64) String offerId,
                                   @Min(1) @Max(1_024) int units,
                                   @Min(60) @Max(31_536_000) long seconds,
                                   @Nullable @Size(max = 64) String template,
                                   @Nullable @Size(max = 16) Map<@Size(max = 32) String, @Size(max = 128) String> parameters) {
    }

    @Serdeable
    public record QuoteView(String quoteId, String offerId, int units, long seconds, String pricePerHour, String estimate,
                            String contingency, String escrowAmount, int feeBps, Instant expiresAt) {
    }

    @Serdeable
    public record CreateOrderBody(@NotNull @NotBlank @Size(max = 64) String quoteId) {
    }

    @Serdeable
    public record EscrowView(long chainId, String contract, String token, String orderId, String amount) {
    }

    @Serdeable
    public record UsageView(@Nullable Instant startedAt, @Nullable Instant endedAt, long usedSeconds, long lostSeconds,
                            @Nullable String endReason) {
    }

    @Serdeable
    public record SettlementView(String status, String deposit, String providerPayout, String fee, String refund,
                                 long releaseAt, @Nullable String transactionId) {
    }

    @Serdeable
    public record OrderView(String orderId, String state, String offerId, int units, long seconds, String pricePerHour,
                            String escrowAmount, String deposited, Instant createdAt, Instant fundingDeadline,
                            String template, Map<String, String> parameters, EscrowView escrow,
                            @Nullable Map<String, Object> permit, @Nullable UsageView usage,
                            @Nullable SettlementView settlement) {
    }

    @Serdeable
    public record AccountView(String address, List<String> roles) {
    }

    @Serdeable
    public record Health(String status) {
    }
}
