package io.cyberplaza.core.offer;

import io.cyberplaza.core.auth.AccountService;
import io.cyberplaza.core.auth.Role;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.capacity.CapacityWindow;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.provider.Certification;
import io.cyberplaza.core.provider.Provider;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.store.ConditionFailedException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ConcurrentModificationException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Providers list and manage their offers; operators certify providers and suspend offers; buyers
 * search what is on sale. Roles are checked here against the Accounts table too, not only in the
 * session token, so a revoked role stops working at once.
 */
public final class ListingService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_ATTEMPTS = 8;

    private final ListingRepository listings;
    private final ProviderRepository providers;
    private final AccountService accounts;
    private final CapacityLedger capacity;
    private final Set<String> deployedProvisioners;
    private final Clock clock;

    public ListingService(ListingRepository listings, ProviderRepository providers, AccountService accounts, CapacityLedger capacity,
                          Set<String> deployedProvisioners, Clock clock) {
        this.listings = listings;
        this.providers = providers;
        this.accounts = accounts;
        this.capacity = capacity;
        this.deployedProvisioners = Set.copyOf(deployedProvisioners);
        this.clock = clock;
    }

    // ---------------------------------------------------------------- providers

    public Provider register(String caller, String name) {
        require(caller, Role.PROVIDER);
        String address = normalize(caller);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Provider> current = providers.find(address);
            Provider next = current.map(p -> p.next(name, p.tier(), p.certification(), clock.instant()))
                    .orElseGet(() -> new Provider(address, name, FeeTier.BASIC, null, 1, clock.instant()));
            if (providers.replace(current.map(Provider::version).orElse(0L), next)) return next;
        }
        throw new ConcurrentModificationException("provider " + address + " kept changing");
    }

    public Provider provider(String address) {
        return providers.find(normalize(address))
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no provider " + address));
    }

    /** The certified badge: a CERTIFIED fee tier for the provider and every offer it lists. */
    public Provider certify(String operator, String address, long monthlyOfferedValue, String evaluation) {
        require(operator, Role.OPERATOR);
        if (monthlyOfferedValue < Certification.MIN_MONTHLY_OFFERED_VALUE) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "a certified provider offers over 10,000 USDC of service a month");
        }
        Certification certification = new Certification(monthlyOfferedValue, evaluation, clock.instant(), normalize(operator));
        return changeTier(address, FeeTier.CERTIFIED, certification);
    }

    public Provider decertify(String operator, String address) {
        require(operator, Role.OPERATOR);
        return changeTier(address, FeeTier.BASIC, null);
    }

    private Provider changeTier(String address, FeeTier tier, Certification certification) {
        Provider provider = updateProvider(address, p -> p.next(p.name(), tier, certification, clock.instant()));
        for (Listing listing : listings.findByProvider(provider.address())) {
            update(listing.offerId(), l -> l.next(l.offer().withTier(tier), l.status(), l.sla(), l.benchmarks(), l.statusReason(),
                    clock.instant()));
        }
        return provider;
    }

    private Provider updateProvider(String address, UnaryOperator<Provider> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Provider current = provider(address);
            Provider next = change.apply(current);
            if (providers.replace(current.version(), next)) return next;
        }
        throw new ConcurrentModificationException("provider " + address + " kept changing");
    }

    // ---------------------------------------------------------------- listings

    public Listing list(String caller, ListingDraft draft) {
        require(caller, Role.PROVIDER);
        Provider provider = providers.find(normalize(caller)).orElseThrow(() ->
                new DomainException(ErrorType.STATE_CONFLICT, "register as a provider (PUT /providers/me) before listing offers"));
        String offerId = "off-" + HexFormat.of().formatHex(randomBytes());
        Listing listing = new Listing(offer(offerId, provider, draft), ListingStatus.ACTIVE, draft.sla(), checked(draft.benchmarks()),
                null, 1, clock.instant());
        try {
            listings.create(listing);
        } catch (ConditionFailedException collision) {
            throw new ConcurrentModificationException("offer id " + offerId + " was taken; list again");
        }
        defineCapacity(offerId, draft);
        return listing;
    }

    public Listing listing(String offerId) {
        return listings.find(offerId).orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no offer " + offerId));
    }

    public Listing revise(String caller, String offerId, ListingDraft draft) {
        require(caller, Role.PROVIDER);
        Provider provider = provider(caller);
        Listing revised = update(offerId, l -> {
            requireOwner(caller, l);
            if (l.status() == ListingStatus.WITHDRAWN) throw new DomainException(ErrorType.STATE_CONFLICT, "offer " + offerId + " was withdrawn");
            return l.next(offer(offerId, provider, draft), l.status(), draft.sla(), checked(draft.benchmarks()), l.statusReason(),
                    clock.instant());
        });
        defineCapacity(offerId, draft);
        return revised;
    }

    /** The offer's capacity windows, with what orders hold of each. */
    public List<CapacityWindow> capacity(String offerId) {
        return capacity.windows(offerId);
    }

    private void defineCapacity(String offerId, ListingDraft draft) {
        if (draft.capacity() == null || draft.capacity().isEmpty()) return;
        try {
            capacity.define(offerId, draft.capacity());
        } catch (ConditionFailedException belowReserved) {
            throw new DomainException(ErrorType.STATE_CONFLICT, "a window cannot shrink below what orders already hold");
        }
    }

    public Listing withdraw(String caller, String offerId) {
        require(caller, Role.PROVIDER);
        return update(offerId, l -> {
            requireOwner(caller, l);
            return l.status() == ListingStatus.WITHDRAWN ? l : l.withStatus(ListingStatus.WITHDRAWN, "withdrawn by its provider", clock.instant());
        });
    }

    public Listing suspend(String operator, String offerId, String reason) {
        require(operator, Role.OPERATOR);
        return update(offerId, l -> switch (l.status()) {
            case ACTIVE -> l.withStatus(ListingStatus.SUSPENDED, reason, clock.instant());
            case SUSPENDED -> l;
            case WITHDRAWN -> throw new DomainException(ErrorType.STATE_CONFLICT, "offer " + offerId + " was withdrawn");
        });
    }

    public Listing reinstate(String operator, String offerId) {
        require(operator, Role.OPERATOR);
        return update(offerId, l -> switch (l.status()) {
            case SUSPENDED -> l.withStatus(ListingStatus.ACTIVE, null, clock.instant());
            case ACTIVE -> l;
            case WITHDRAWN -> throw new DomainException(ErrorType.STATE_CONFLICT, "offer " + offerId + " was withdrawn");
        });
    }

    public List<Listing> mine(String caller) {
        return listings.findByProvider(normalize(caller));
    }

    public List<Listing> search(OfferSearch search) {
        return search.apply(listings.findByStatus(ListingStatus.ACTIVE));
    }

    private Listing update(String offerId, UnaryOperator<Listing> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            // Read as stored: a kept copy that already looked changed would make the change a silent no-op.
            Listing current = listings.findCurrent(offerId)
                    .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no offer " + offerId));
            Listing next = change.apply(current);
            if (next == current || listings.replace(current, next)) return next;
        }
        throw new ConcurrentModificationException("offer " + offerId + " kept changing");
    }

    private Offer offer(String offerId, Provider provider, ListingDraft draft) {
        if (!deployedProvisioners.contains(draft.provisioner())) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "provisioner must be one of " + deployedProvisioners.stream().sorted().toList());
        }
        try {
            return new Offer(offerId, provider.address(), provider.address(), draft.title(), draft.resourceType(), draft.region(),
                    draft.unit(), draft.pricePerHour(), provider.tier(), draft.provisioner(), draft.templates(), draft.maxUnits(),
                    draft.maxHours(), draft.priceSteps() == null ? List.of() : draft.priceSteps(), null, draft.partition());
        } catch (IllegalArgumentException | NullPointerException invalid) {
            throw new DomainException(ErrorType.INVALID_REQUEST, invalid.getMessage());
        }
    }

    private List<Benchmark> checked(List<Benchmark> benchmarks) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (Benchmark b : benchmarks) {
            if (b.measuredOn().isAfter(today)) throw new DomainException(ErrorType.INVALID_REQUEST, "a benchmark cannot be measured in the future");
        }
        if (benchmarks.size() > Listing.MAX_BENCHMARKS) throw new DomainException(ErrorType.INVALID_REQUEST, "at most 16 benchmarks");
        return benchmarks;
    }

    private void require(String caller, Role role) {
        if (!accounts.rolesOf(caller).contains(role)) {
            throw new DomainException(ErrorType.FORBIDDEN, "this needs the " + role + " role");
        }
    }

    private static void requireOwner(String caller, Listing listing) {
        if (!listing.provider().equals(normalize(caller))) {
            throw new DomainException(ErrorType.FORBIDDEN, "offer " + listing.offerId() + " is another provider's");
        }
    }

    private static String normalize(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
