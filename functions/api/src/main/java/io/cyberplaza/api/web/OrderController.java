package io.cyberplaza.api.web;

import io.cyberplaza.api.idempotency.IdempotentCreation;
import io.cyberplaza.core.order.OrderService;
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

    @Post("/quotes")
    public HttpResponse<?> quote(Authentication caller, @Valid @Body Dtos.QuoteRequestBody body,
                                 @Nullable @Header(IdempotentCreation.HEADER) String idempotencyKey) {
        return idempotent.create(caller.getName(), idempotencyKey, "POST /quotes", body, () -> {
            Quote quote = quotes.quote(caller.getName(), new QuoteService.QuoteRequest(body.offerId(), body.units(), body.seconds(),
                    body.template(), body.parameters() == null ? Map.of() : body.parameters()));
            return HttpResponse.created(new Dtos.QuoteView(quote.quoteId(), quote.terms().offerId(), quote.terms().units(),
                    quote.terms().purchasedSeconds(), Long.toString(quote.terms().pricePerHour()), Long.toString(quote.estimate()),
                    Long.toString(quote.contingency()), Long.toString(quote.escrowAmount()), quote.terms().feeBps(), quote.expiresAt()));
        });
    }

    @Post("/orders")
    public HttpResponse<?> create(Authentication caller, @Valid @Body Dtos.CreateOrderBody body,
                                  @Nullable @Header(IdempotentCreation.HEADER) String idempotencyKey) {
        return idempotent.create(caller.getName(), idempotencyKey, "POST /orders", body,
                () -> HttpResponse.created(views.view(orders.create(caller.getName(), body.quoteId()))));
    }

    @Get("/orders")
    public List<Dtos.OrderView> mine(Authentication caller) {
        return orders.mine(caller.getName()).stream().map(views::view).toList();
    }

    @Get("/orders/{orderId}")
    public Dtos.OrderView get(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ORDER_ID) String orderId) {
        return views.view(orders.get(caller.getName(), orderId));
    }

    @Post("/orders/{orderId}/complete")
    public Dtos.OrderView complete(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ORDER_ID) String orderId) {
        return views.view(completion.completeByOwner(caller.getName(), orderId));
    }

    @Get(value = "/orders/{orderId}/result", produces = MediaType.TEXT_PLAIN)
    public HttpResponse<byte[]> result(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ORDER_ID) String orderId) {
        WorkloadResult result = results.result(caller.getName(), orderId);
        return HttpResponse.ok(result.content()).contentType(result.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + result.fileName() + "\"");
    }
}
