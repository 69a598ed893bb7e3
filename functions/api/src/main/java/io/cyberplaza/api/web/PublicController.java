package io.cyberplaza.api.web;

import io.cyberplaza.core.offer.OfferCatalog;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.Comparator;
import java.util.List;

@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class PublicController {
    private final OfferCatalog offers;

    public PublicController(OfferCatalog offers) {
        this.offers = offers;
    }

    @Get("/health")
    public Dtos.Health health() {
        return new Dtos.Health("ok");
    }

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
