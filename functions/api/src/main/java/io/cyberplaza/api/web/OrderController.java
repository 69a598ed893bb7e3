package io.cyberplaza.api.web;

import io.cyberplaza.api.problem.Documented;
import io.cyberplaza.api.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.cyberplaza.api.idempotency.IdempotentCreation;
import io.cyberplaza.core.order.OrderService;
import io.cyberplaza.core.money.Billing;
import io.cyberplaza.core.quote.Quote;
import io.cyberplaza.core.quote.QuoteService;
import io.cyberplaza.core.run.CompletionService;
import io.cyberplaza.core.run.ResultService;
import io.cyberplaza.provisioner.WorkloadResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import java.util.List;
import java.util.Map;

/** Quotes and orders of the signed-in buyer. The caller is the token's subject, never a parameter. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Orders", description = "Quotes and orders of the signed-in buyer")
@SecurityRequirement(name = "session")
@ApiResponse(responseCode = "400", description = "invalid-request: a field is missing, malformed or out of range", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Documented.NeedsSession
@Documented.RateLimited
public class OrderController {
    private final QuoteService quotes;
    private final OrderService orders;
    private final CompletionService completion;
    private final ResultService results;
    private final OrderViews views;
    private final IdempotentCreation idempotent;

    public OrderController(QuoteService quotes, OrderService orders, CompletionService completion, ResultService results,
                           OrderViews views, IdempotentCreation idempotent) {
        this.quotes = quotes;
        this.orders = orders;
        this.completion = completion;
        this.results = results;
        this.views = views;
        this.idempotent = idempotent;
    }

    @Operation(summary = "Price a purchase and fix the price for 15 minutes",
            description = "Send an Idempotency-Key header to make retries safe.")
    @ApiResponse(responseCode = "201", description = "the quote", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dtos.QuoteView.class)))
    @ApiResponse(responseCode = "404", description = "not-found: no such offer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "idempotency-key-in-use: a request with this Idempotency-Key is still running", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "idempotency-key-reused: this Idempotency-Key was used for another request; purchase-outlasts-escrow: the purchased time would run past the escrow's reclaim delay", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "quoting-paused: USDC is more than 0.5 % off its peg, or there is no recent reading of it; retry later", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post("/quotes")
    public HttpResponse<?> quote(Authentication caller, @Valid @Body Dtos.QuoteRequestBody body,
                                 @Nullable @Header(IdempotentCreation.HEADER) @IdempotencyKeyHeader String idempotencyKey) {
        return idempotent.create(caller.getName(), idempotencyKey, "POST /quotes", body, () -> {
            Quote quote = quotes.quote(caller.getName(), new QuoteService.QuoteRequest(body.offerId(), body.units(), body.seconds(),
                    body.template(), TaskPlans.parameters(body.parameters(), body.script()), TaskPlans.of(body)));
            int tasks = quote.workload().plan().tasks();
            long fee = Billing.fee(quote.estimate(), quote.terms().feeBps());
            return HttpResponse.created(new Dtos.QuoteView(quote.quoteId(), quote.terms().offerId(), quote.terms().units() / tasks,
                    quote.terms().purchasedSeconds(), tasks, Long.toString(quote.terms().pricePerHour()), Long.toString(quote.estimate()),
                    Long.toString(quote.contingency()), Long.toString(quote.escrowAmount()), quote.terms().feeBps(), quote.terms().feeDiscountBps(),
                    Long.toString(fee), Long.toString(Billing.discountedFee(fee, quote.terms().feeDiscountBps())), quote.expiresAt(),
                    Dtos.PriceSnapshotView.of(quote.priceSnapshot())));
        });
    }

    @Operation(summary = "Turn a quote into an order to pay",
            description = "The same quote always gives the same order. The answer says where to deposit and carries a USDC permit to sign. "
                    + "With a couponId the caller's resource coupon pays instead: the order is FUNDED at once and nothing is deposited.")
    @ApiResponse(responseCode = "201", description = "the order, awaiting its deposit (or FUNDED, when a coupon paid)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dtos.OrderView.class)))
    @ApiResponse(responseCode = "404", description = "not-found: no such quote of the caller's, or no such coupon of the caller's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "coupon-not-redeemable: the coupon is vendor credit, expired, another provider's, or too small for the order; "
            + "idempotency-key-reused: this Idempotency-Key was used for another request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "410", description = "quote-expired: the quote's price no longer holds", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "coupon-already-redeemed: the coupon paid for another order; "
            + "too-many-unpaid: the caller holds as many unpaid orders as an account may; "
            + "conflict: the quote's order is paid otherwise; "
            + "idempotency-key-in-use: a request with this Idempotency-Key is still running", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post("/orders")
    public HttpResponse<?> create(Authentication caller, @Valid @Body Dtos.CreateOrderBody body,
                                  @Nullable @Header(IdempotentCreation.HEADER) @IdempotencyKeyHeader String idempotencyKey) {
        return idempotent.create(caller.getName(), idempotencyKey, "POST /orders", body,
                () -> HttpResponse.created(views.view(body.couponId() == null ? orders.create(caller.getName(), body.quoteId())
                        : orders.createPaidByCoupon(caller.getName(), body.quoteId(), body.couponId()))));
    }

    @Operation(summary = "The caller's orders")
    @ApiResponse(responseCode = "200", description = "the caller's orders", content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Dtos.OrderView.class))))
    @Get("/orders")
    public List<Dtos.OrderView> mine(Authentication caller) {
        return orders.mine(caller.getName()).stream().map(views::view).toList();
    }

    @Operation(summary = "One of the caller's orders")
    @ApiResponse(responseCode = "200", description = "the order", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dtos.OrderView.class)))
    @ApiResponse(responseCode = "404", description = "not-found: no such order of the caller's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/orders/{orderId}")
    public Dtos.OrderView get(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ORDER_ID) String orderId) {
        return views.view(orders.get(caller.getName(), orderId));
    }

    @Operation(summary = "Stop now and settle", description = "An order funded but not started is refunded in full.")
    @ApiResponse(responseCode = "200", description = "the order, settling (or stopping, while its provider is slow to release the machine)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dtos.OrderView.class)))
    @ApiResponse(responseCode = "404", description = "not-found: no such order of the caller's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "state-conflict: the order cannot be completed in its state", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post("/orders/{orderId}/complete")
    public Dtos.OrderView complete(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ORDER_ID) String orderId) {
        return views.view(completion.completeByOwner(caller.getName(), orderId));
    }

    @Operation(summary = "The workload's result file")
    @ApiResponse(responseCode = "200", description = "the result", content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "not-found: no such order of the caller's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "state-conflict: no result yet", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get(value = "/orders/{orderId}/result", produces = MediaType.TEXT_PLAIN)
    public HttpResponse<byte[]> result(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ORDER_ID) String orderId) {
        WorkloadResult result = results.result(caller.getName(), orderId);
        return HttpResponse.ok(result.content()).contentType(result.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + result.fileName() + "\"");
    }
}
