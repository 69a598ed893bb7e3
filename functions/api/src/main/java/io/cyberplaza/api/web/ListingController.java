package io.cyberplaza.api.web;

import io.cyberplaza.api.idempotency.IdempotentCreation;
import io.cyberplaza.api.problem.Documented;
import io.cyberplaza.api.problem.Problem;
import io.cyberplaza.api.web.ListingDtos.CertificationBody;
import io.cyberplaza.api.web.ListingDtos.ListingView;
import io.cyberplaza.api.web.ListingDtos.OfferBody;
import io.cyberplaza.api.web.ListingDtos.ProviderBody;
import io.cyberplaza.api.web.ListingDtos.ProviderView;
import io.cyberplaza.api.web.ListingDtos.SuspensionBody;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.offer.BenchmarkKind;
import io.cyberplaza.core.offer.Listing;
import io.cyberplaza.core.offer.ListingService;
import io.cyberplaza.core.offer.ListingStatus;
import io.cyberplaza.core.offer.OfferSearch;
import io.cyberplaza.core.pricing.MarketPrices;
import io.cyberplaza.core.offer.ResourceType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Offers as providers list them, buyers find them and operators police them. */
@Controller
@Tag(name = "Offers", description = "Provider listings: browse (public), list and manage (providers), certify and suspend (operators)")
@ApiResponse(responseCode = "400", description = "invalid-request: a field is missing, malformed or out of range",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Documented.RateLimited
public class ListingController {
    /** The key of the one cached value: everything on sale. */
    private static final String ON_SALE = "on-sale";

    private final ListingService listings;
    private final MarketPrices market;
    private final IdempotentCreation idempotent;
    /**
     * Browsing reads every active listing and its capacity: a snapshot at most a second old serves
     * it (refreshed in the background); one offer and quotes read listings kept at most seconds
     * (core/offer/RecentListings), and changes are decided on the stored listing. This instance's own
     * changes drop the snapshot at once.
     */
    private final LoadingCache<String, Shelf> onSale;

    /** Everything on sale, and how each is shown (capacity included). */
    private record Shelf(List<Listing> listings, Map<String, ListingView> views) {
    }

    public ListingController(ListingService listings, MarketPrices market, IdempotentCreation idempotent) {
        this.listings = listings;
        this.market = market;
        this.idempotent = idempotent;
        this.onSale = Caffeine.newBuilder().refreshAfterWrite(Duration.ofSeconds(1)).expireAfterWrite(Duration.ofSeconds(10))
                .build(key -> shelf());
    }

    private Shelf shelf() {
        List<Listing> active = listings.search(OfferSearch.all());
        List<MarketPrices.PricedOffer> priced = market.price(active.stream().map(Listing::offer).toList());
        Map<String, ListingView> views = new HashMap<>();
        for (int i = 0; i < active.size(); i++) {
            Listing listing = active.get(i);
            views.put(listing.offerId(), ListingView.of(listing, listings.capacity(listing.offerId()), priced.get(i)));
        }
        return new Shelf(active, views);
    }

    private <T> T changed(T result) {
        onSale.invalidateAll();
        return result;
    }

    private ListingView view(Listing listing) {
        return ListingView.of(listing, listings.capacity(listing.offerId()), market.price(List.of(listing.offer())).getFirst());
    }

    @Operation(summary = "The offers on sale, filtered and sorted")
    @ApiResponse(responseCode = "200", description = "active offers",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = ListingView.class))))
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Get("/offers")
    public List<ListingView> browse(@Nullable @QueryValue @Pattern(regexp = ListingDtos.RESOURCE_TYPE) String resourceType,
                                    @Nullable @QueryValue @Size(max = 32) String region,
                                    @Nullable @QueryValue @Pattern(regexp = ListingDtos.AMOUNT) String minPrice,
                                    @Nullable @QueryValue @Pattern(regexp = ListingDtos.AMOUNT) String maxPrice,
                                    @Nullable @QueryValue Boolean certified,
                                    @Nullable @QueryValue @Pattern(regexp = ListingDtos.BENCHMARK_KIND) String benchmark,
                                    @Nullable @QueryValue @DecimalMin("0") BigDecimal minBenchmark,
                                    @Nullable @QueryValue @Pattern(regexp = "price|-price|benchmark") String sort) {
        OfferSearch.Sort order = sort == null ? OfferSearch.Sort.PRICE : switch (sort) {
            case "-price" -> OfferSearch.Sort.PRICE_DESC;
            case "benchmark" -> OfferSearch.Sort.BENCHMARK;
            default -> OfferSearch.Sort.PRICE;
        };
        if (order == OfferSearch.Sort.BENCHMARK && benchmark == null) {
            throw new DomainException(ErrorType.INVALID_REQUEST,
                    "sort=benchmark needs benchmark=HPL|HPCG|STREAM|MLPERF");
        }
        OfferSearch search = new OfferSearch(resourceType == null ? null : ResourceType.valueOf(resourceType), region,
                minPrice == null ? null : Long.parseLong(minPrice), maxPrice == null ? null : Long.parseLong(maxPrice),
                Boolean.TRUE.equals(certified), benchmark == null ? null : BenchmarkKind.valueOf(benchmark), minBenchmark, order);
        Shelf shelf = onSale.get(ON_SALE);
        return search.apply(shelf.listings()).stream().map(l -> shelf.views().get(l.offerId())).toList();
    }

    @Operation(summary = "One offer on sale")
    @ApiResponse(responseCode = "200", description = "the offer", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ListingView.class)))
    @ApiResponse(responseCode = "404", description = "not-found: no such offer on sale", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Get("/offers/{offerId}")
    public ListingView offer(@PathVariable @Size(max = 64) String offerId) {
        var listing = listings.listing(offerId);
        if (listing.status() != ListingStatus.ACTIVE) {
            throw new DomainException(ErrorType.NOT_FOUND, "no offer " + offerId + " on sale");
        }
        return view(listing);
    }

    @Operation(summary = "List a new offer (providers)", description = "Send an Idempotency-Key header to make retries safe.")
    @ApiResponse(responseCode = "201", description = "the listing, on sale", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ListingView.class)))
    @Documented.NeedsRole
    @ApiResponse(responseCode = "409", description = "state-conflict: register the provider profile first; or idempotency-key-in-use", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "idempotency-key-reused", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @SecurityRequirement(name = "session")
    @Secured("PROVIDER")
    @Post("/offers")
    public HttpResponse<?> list(Authentication caller, @Valid @Body OfferBody body,
                                @Nullable @Header(IdempotentCreation.HEADER) @IdempotencyKeyHeader String idempotencyKey) {
        return idempotent.create(caller.getName(), idempotencyKey, "POST /offers", body,
                () -> HttpResponse.created(view(changed(listings.list(caller.getName(), body.toDraft())))));
    }

    @Operation(summary = "Revise one's own offer (providers)")
    @ApiResponse(responseCode = "200", description = "the listing now", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ListingView.class)))
    @Documented.NeedsRole
    @Documented.MayBeMissing
    @Documented.MayConflict
    @SecurityRequirement(name = "session")
    @Secured("PROVIDER")
    @Put("/offers/{offerId}")
    public ListingView revise(Authentication caller, @PathVariable @Size(max = 64) String offerId, @Valid @Body OfferBody body) {
        return view(changed(listings.revise(caller.getName(), offerId, body.toDraft())));
    }

    @Operation(summary = "Withdraw one's own offer for good (providers)")
    @ApiResponse(responseCode = "200", description = "the listing, withdrawn", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ListingView.class)))
    @Documented.NeedsRole
    @Documented.MayBeMissing
    @SecurityRequirement(name = "session")
    @Secured("PROVIDER")
    @Delete("/offers/{offerId}")
    public ListingView withdraw(Authentication caller, @PathVariable @Size(max = 64) String offerId) {
        return view(changed(listings.withdraw(caller.getName(), offerId)));
    }

    @Operation(summary = "Suspend an offer (operators)")
    @ApiResponse(responseCode = "200", description = "the listing, suspended", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ListingView.class)))
    @Documented.NeedsRole
    @Documented.MayBeMissing
    @Documented.MayConflict
    @SecurityRequirement(name = "session")
    @Secured("OPERATOR")
    @Put("/offers/{offerId}/suspension")
    public ListingView suspend(Authentication caller, @PathVariable @Size(max = 64) String offerId, @Valid @Body SuspensionBody body) {
        return view(changed(listings.suspend(caller.getName(), offerId, body.reason())));
    }

    @Operation(summary = "Put a suspended offer back on sale (operators)")
    @ApiResponse(responseCode = "200", description = "the listing, on sale", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ListingView.class)))
    @Documented.NeedsRole
    @Documented.MayBeMissing
    @Documented.MayConflict
    @SecurityRequirement(name = "session")
    @Secured("OPERATOR")
    @Delete("/offers/{offerId}/suspension")
    public ListingView reinstate(Authentication caller, @PathVariable @Size(max = 64) String offerId) {
        return view(changed(listings.reinstate(caller.getName(), offerId)));
    }

    @Operation(summary = "One's own offers, whatever their standing (providers)")
    @ApiResponse(responseCode = "200", description = "the caller's listings",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = ListingView.class))))
    @Documented.NeedsRole
    @SecurityRequirement(name = "session")
    @Secured("PROVIDER")
    @Get("/providers/me/offers")
    public List<ListingView> mine(Authentication caller) {
        return listings.mine(caller.getName()).stream().map(this::view).toList();
    }

    @Operation(summary = "Register or rename one's provider profile (providers)")
    @ApiResponse(responseCode = "200", description = "the profile", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProviderView.class)))
    @Documented.NeedsRole
    @SecurityRequirement(name = "session")
    @Secured("PROVIDER")
    @Put("/providers/me")
    public ProviderView register(Authentication caller, @Valid @Body ProviderBody body) {
        return ProviderView.of(listings.register(caller.getName(), body.name()));
    }

    @Operation(summary = "A provider's public profile and badge")
    @ApiResponse(responseCode = "200", description = "the profile", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProviderView.class)))
    @Documented.MayBeMissing
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Get("/providers/{address}")
    public ProviderView provider(@PathVariable @Pattern(regexp = Dtos.ADDRESS) String address) {
        return ProviderView.of(listings.provider(address));
    }

    @Operation(summary = "Certify a provider (operators)", description = "Needs over 10,000 USDC of service a month; the provider's offers become CERTIFIED (3 % fee).")
    @ApiResponse(responseCode = "200", description = "the profile, certified", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProviderView.class)))
    @Documented.NeedsRole
    @Documented.MayBeMissing
    @SecurityRequirement(name = "session")
    @Secured("OPERATOR")
    @Put("/providers/{address}/certification")
    public ProviderView certify(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ADDRESS) String address,
                                @Valid @Body CertificationBody body) {
        return ProviderView.of(changed(listings.certify(caller.getName(), address, Long.parseLong(body.monthlyOfferedValue()), body.evaluation())));
    }

    @Operation(summary = "Withdraw a provider's certification (operators)")
    @ApiResponse(responseCode = "200", description = "the profile", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProviderView.class)))
    @Documented.NeedsRole
    @Documented.MayBeMissing
    @SecurityRequirement(name = "session")
    @Secured("OPERATOR")
    @Delete("/providers/{address}/certification")
    public ProviderView decertify(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ADDRESS) String address) {
        return ProviderView.of(changed(listings.decertify(caller.getName(), address)));
    }
}
