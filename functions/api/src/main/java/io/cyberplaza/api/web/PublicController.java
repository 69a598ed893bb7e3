package io.cyberplaza.api.web;

import io.cyberplaza.api.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.cyberplaza.core.offer.OfferCatalog;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.Comparator;
import java.util.List;

@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Public", description = "No sign-in needed")
@ApiResponse(responseCode = "429", description = "rate-limited: too many requests; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PublicController {
    private final OfferCatalog offers;

    public PublicController(OfferCatalog offers) {
        this.offers = offers;
    }

    @Operation(summary = "Whether the API answers")
    @ApiResponse(responseCode = "200", description = "ok", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dtos.Health.class)))
    @Get("/health")
    public Dtos.Health health() {
        return new Dtos.Health("ok");
    }

    @Operation(summary = "The offers on sale")
    @ApiResponse(responseCode = "200", description = "every offer, by id", content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Dtos.OfferView.class))))
    @Get("/offers")
    public List<Dtos.OfferView> offers() {
        return offers.list().stream()
                .sorted(Comparator.comparing(o -> o.offerId()))
                .map(o -> new Dtos.OfferView(o.offerId(), o.title(), o.resourceType().name(), o.region(), o.unit(),
                        Long.toString(o.pricePerHour()), o.tier().name(), o.tier().feeBps(), o.templates(), o.maxUnits(),
                        o.maxHours()))
                .toList();
    }
}
