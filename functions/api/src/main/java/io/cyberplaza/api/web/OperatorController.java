package io.cyberplaza.api.web;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.pricing.PricingRounds;
import java.time.Clock;
import java.time.Duration;
import io.cyberplaza.api.problem.Documented;
import io.cyberplaza.api.problem.Problem;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

import java.util.Comparator;
import java.util.List;

/** Platform-wide views for operators: every user's orders in a state, every settlement in a status. */
@Controller("/operator")
@Secured("OPERATOR")
@Tag(name = "Operators", description = "Platform-wide views")
@SecurityRequirement(name = "session")
@ApiResponse(responseCode = "400", description = "invalid-request: an unknown state or status",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Documented.NeedsSession
@ApiResponse(responseCode = "403", description = "forbidden: operators only",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Documented.RateLimited
public class OperatorController {
    static final String STATES = "QUOTED|FUNDED|PROVISIONING|RUNNING|STOPPING|COMPLETED|SETTLING|SETTLED|EXPIRED|PROVISION_FAILED|DISPUTED|RESOLVED|RECLAIMED";
    static final String STATUSES = "COMPUTED|SUBMITTED|CONFIRMED";

    private final OrderRepository orders;
    private final SettlementRepository settlements;
    private final PricingRounds pricingRounds;
    private final OrderViews views;
    private final Clock clock;

    public OperatorController(OrderRepository orders, SettlementRepository settlements, PricingRounds pricingRounds, OrderViews views,
                              Clock clock) {
        this.orders = orders;
        this.settlements = settlements;
        this.pricingRounds = pricingRounds;
        this.views = views;
        this.clock = clock;
    }

    @Operation(summary = "Every order in a state, newest change first")
    @ApiResponse(responseCode = "200", description = "the orders",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Dtos.OrderView.class))))
    @Get("/orders")
    public List<Dtos.OrderView> orders(@QueryValue @Pattern(regexp = STATES) String state) {
        return orders.findByState(OrderState.valueOf(state)).stream()
                .sorted(Comparator.comparing(Order::updatedAt).reversed())
                .map(views::view).toList();
    }

    @Operation(summary = "Every settlement in a status")
    @ApiResponse(responseCode = "200", description = "the settlements",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Dtos.OperatorSettlementView.class))))
    @Get("/settlements")
    public List<Dtos.OperatorSettlementView> settlements(@QueryValue @Pattern(regexp = STATUSES) String status) {
        return settlements.findByStatus(SettlementStatus.valueOf(status)).stream()
                .map(s -> new Dtos.OperatorSettlementView(s.orderId(), s.provider(), OrderViews.view(s))).toList();
    }

    @Operation(summary = "The latest pricing round of the last two days: what it read, what it published, every record it rejected and why")
    @ApiResponse(responseCode = "200", description = "the round",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dtos.PricingRoundView.class)))
    @ApiResponse(responseCode = "404", description = "not-found: no pricing round in the last two days",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/pricing/rounds/latest")
    public Dtos.PricingRoundView latestPricingRound() {
        return pricingRounds.latest(clock.instant().minus(Duration.ofDays(2))).map(Dtos.PricingRoundView::of)
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no pricing round in the last two days"));
    }
}
