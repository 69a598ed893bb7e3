package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.contracts.TestUSDC;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Many orders at once through the local stack, over the public API and the chain only, while the
 * stack's own triggers misbehave ({@link Faults}), then a check of every order and of the escrow as
 * a whole: every order final, every order's money adding up, no order settled twice, the escrow's
 * balance equal to what it owes, no 5xx from the API.
 */
public final class Soak {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long USDC = 1_000_000L;
    private static final Duration ORDER_TIMEOUT = Duration.ofMinutes(4);
    /** How long a soak client retries a request nobody answered: longer than the functions take to start again. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    /** ComputeEscrow.Status values that still hold money in the order's slot. */
    private static final Set<Integer> HOLDING = Set.of(1, 2, 3, 4, 5);
    private static final int HELD = 2;
    private static final int RESOLVED = 5;
    /** Nothing left in the slot: a settlement that paid the provider nothing, or a payout withdrawn. */
    private static final int CLOSED = 6;

    /** How a soak order is paid for and ends; picked per order from the seed. */
    enum Kind {
        /** Paid with a permit, completed by its buyer. */
        COMPLETED,
        /** The workload ends by itself before the purchased time. */
        ENDS_BY_ITSELF,
        /** The meter stops it at the purchased time. */
        TIME_UP,
        /** Topped up while it runs. */
        TOPPED_UP,
        /** Half paid, then the rest. */
        UNDERFUNDED_THEN_TOPPED_UP,
        /** Paid more than asked. */
        OVERFUNDED,
        /** Paid by another wallet into the owner's order. */
        SPONSORED,
        /** A top-up sent the moment the buyer completes it (the split is being fixed). */
        TOP_UP_AFTER_SPLIT,
        /** A stranger's dust under the order's id first, for itself and for the owner. */
        SQUATTED,
        /** Disputed after its settlement and resolved by an operator at half. */
        DISPUTED,
        /** A cloud order: an instance in moto's EC2, terminated when its buyer completes it. */
        CLOUD,
        /** The provider's machine kills the workload while it runs: an SLA failure, refunded. */
        SLA_FAILURE,
        /** Left unpaid until its funding window closes, then paid: the late deposit is refunded in full. */
        LATE_DEPOSIT,
        /**
         * A pledge in a group buy of its own (a core-hour of the local provider's CPU), paid into the
         * escrow and settled with the campaign; the coupon it buys then pays for an order with nothing deposited.
         */
        COUPON_PAID,
        /** Paid with a permit and completed the moment it runs: the shortest lifecycle, for throughput. */
        QUICK
    }

    /** The kinds of the whole mix. */
    private static final List<Kind> MIX = java.util.Arrays.stream(Kind.values()).filter(kind -> kind != Kind.QUICK).toList();

    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem");
    private static final String CLOUD_OFFER = "aws-t3-micro";
    private static final String CLOUD_IMAGE = "ami-760aaa0f";
    /** Short, so a late deposit can follow an expiry within the soak; long enough for a deposit made at once. */
    private static final Duration FUNDING_WINDOW = Duration.ofSeconds(45);
    private static final Duration CONFIRMATION_GRACE = Duration.ofSeconds(15);
    private static final Duration PLEDGE_WINDOW = Duration.ofSeconds(60);
    /** The selector of the escrow's error for money sent to an order that is no longer open. */
    private static final String ORDER_CLOSED = org.web3j.crypto.Hash.sha3String("OrderClosed(bytes32)").substring(0, 10);
    /** What the provider is owed for one core-hour of its campaign (GroupBuyWalkthrough#openCoreHours), held in the pledge's slot. */
    private static final long CORE_HOUR_VENDOR_COST = 8 * USDC;

    /**
     * @param shortOnly only short orders that complete at once (the throughput figure: quote to settled),
     *                  instead of the whole mix
     */
    public record Settings(int orders, int concurrency, Set<Faults.Kind> faults, long seed, boolean shortOnly) {
        public static Settings parse(List<String> args) {
            int orders = 300;
            int concurrency = 16;
            String faults = "all";
            long seed = 1;
            boolean shortOnly = false;
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                if (i + 1 >= args.size()) throw new IllegalArgumentException(flag + " needs a value");
                String value = args.get(++i);
                switch (flag) {
                    case "--orders" -> orders = Integer.parseInt(value);
                    case "--concurrency" -> concurrency = Integer.parseInt(value);
                    case "--faults" -> faults = value;
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--mix" -> {
                        if (!value.matches("all|short")) throw new IllegalArgumentException("--mix is all or short");
                        shortOnly = value.equals("short");
                    }
                    default -> throw new IllegalArgumentException("unknown option " + flag
                            + "; soak takes --orders N --concurrency C --faults LIST|all|none --seed S --mix all|short");
                }
            }
            if (orders < 1 || concurrency < 1) throw new IllegalArgumentException("--orders and --concurrency are at least 1");
            return new Settings(orders, concurrency, Faults.parse(faults), seed, shortOnly);
        }
    }

    /**
     * Money a payer sent into an order, by the transaction that carried it; a reorganisation may
     * remove it, and the payer then sends it again.
     */
    private record Payment(String transaction, long amount, java.util.concurrent.Callable<String> again) {
    }

    /** One order as the soak made it: who owns it, what each payer put in. */
    private static final class Tracked {
        final int index;
        final Kind kind;
        final BuyerClient owner;
        String orderId;
        final List<Payment> payments = new CopyOnWriteArrayList<>();
        /** Payments a reorganisation removed and that were sent again (by identity: a re-sent permit may have the same hash). */
        final Set<Payment> paidAgain = Collections.newSetFromMap(Collections.synchronizedMap(new java.util.IdentityHashMap<>()));
        volatile long depositedAt;
        volatile long runningAt;
        volatile long completedAt;
        volatile long settledAt;
        volatile String failure;
        /** A COUPON_PAID order's pledge: the escrow key it was paid under, and the payment. */
        volatile String pledgeId;
        volatile Payment pledgePayment;

        Tracked(int index, Kind kind, BuyerClient owner) {
            this.index = index;
            this.kind = kind;
            this.owner = owner;
        }
    }

    private final LocalMarketplace stack;
    private final Web3j web3j;
    private final Settings settings;
    private final Faults faults;
    private final PrintStream progress;
    private final List<Tracked> tracked = new CopyOnWriteArrayList<>();
    /** Orders of their own that squatters opened: the escrow owes them their dust. */
    private final Map<String, String> squatterOrders = new ConcurrentHashMap<>();
    private final Set<String> participants = ConcurrentHashMap.newKeySet();
    private final List<BuyerClient> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private BuyerClient operator;
    private GroupBuyWalkthrough groupBuys;

    public Soak(LocalMarketplace stack, Settings settings, Faults faults, PrintStream progress) {
        this.stack = stack;
        this.web3j = stack.node().web3j();
        this.settings = settings;
        this.faults = faults;
        this.progress = progress;
    }

    /** Starts a stack with the faults, soaks it, prints the summary line; 0 when nothing was lost, stuck, paid twice or unbalanced. */
    static int run(Path root, Path state, List<String> args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Faults faults = new Faults(settings.faults(), settings.seed());
        Map<String, Object> properties = new HashMap<>(LocalMarketplace.Options.unthrottled().properties());
        properties.put("cyberplaza.orders.funding-window", FUNDING_WINDOW.toSeconds() + "s");
        // Two local blocks confirm a deposit in seconds; the clouds' three minutes would only slow the late deposits down.
        properties.put("cyberplaza.orders.confirmation-grace", CONFIRMATION_GRACE.toSeconds() + "s");
        LocalMarketplace stack = LocalMarketplace.start(root, state,
                new LocalMarketplace.Options(true, properties).withFaults(faults).inOwnProcess());
        // Interrupted (Ctrl-C), the soak still stops everything it started.
        Thread stop = new Thread(stack::close, "soak-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            ObjectNode report = new Soak(stack, settings, faults, System.err).run();
            System.out.println(JSON.writeValueAsString(report));
            return passed(report) ? 0 : 1;
        } finally {
            stack.close();
            Runtime.getRuntime().removeShutdownHook(stop);
        }
    }

    static boolean passed(JsonNode report) {
        return report.path("lost").asInt() == 0 && report.path("stuck").asInt() == 0 && report.path("doublePaid").asInt() == 0
                && report.path("conserved").asBoolean() && report.path("serverErrors").asInt() == 0
                && report.path("instancesLeft").asInt() == 0 && report.path("notRun").asInt() == 0
                && report.path("failedLifecycles").isEmpty() && report.path("faultsNotInjected").isEmpty();
    }

    public ObjectNode run() throws Exception {
        operator = new BuyerClient(stack.info(), web3j, DevAccounts.ADMIN, USDC, PATIENCE);
        groupBuys = new GroupBuyWalkthrough(stack.info(), web3j, new PrintStream(java.io.OutputStream.nullOutputStream()));
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(settings.concurrency(), settings.orders()); w++) {
            workers.add(Thread.ofVirtual().name("soak-" + w).start(() -> work(next)));
        }
        Thread bar = Thread.ofVirtual().start(this::showProgress);
        for (Thread worker : workers) worker.join();
        bar.interrupt();
        bar.join();
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.println();
        stack.stopFaults();
        progress.println("table calls by operation and table: " + stack.tableOperationsByTable());
        return check(seconds);
    }

    private void work(AtomicInteger next) {
        BuyerClient buyer;
        BuyerClient helper;
        try {
            buyer = client(500 * USDC);
            helper = client(100 * USDC);
        } catch (Exception e) {
            progress.println("a soak buyer could not sign in: " + e.getMessage());
            return;
        }
        for (int index = next.getAndIncrement(); index < settings.orders(); index = next.getAndIncrement()) {
            Kind kind = settings.shortOnly() ? Kind.QUICK
                    : MIX.get(new Random(settings.seed() * 1_000_003L + index).nextInt(MIX.size()));
            Tracked order = new Tracked(index, kind, buyer);
            tracked.add(order);
            try {
                lifecycle(order, helper);
            } catch (Exception e) {
                order.failure = e.getMessage();
                if (String.valueOf(e.getMessage()).contains("answered 5")) serverErrors.incrementAndGet();
            }
            finished.incrementAndGet();
        }
    }

    /** A new funded, signed-in buyer; signing in again if a restart ate the first try's nonce. */
    private BuyerClient client(long microUsdc) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return newClient(microUsdc);
            } catch (IllegalStateException refused) {
                if (attempt == 3) throw refused;
                Thread.sleep(1_000);
            }
        }
    }

    private BuyerClient newClient(long microUsdc) throws Exception {
        BuyerClient client = new BuyerClient(stack.info(), web3j, org.web3j.crypto.Credentials.create(org.web3j.crypto.Keys.createEcKeyPair()),
                microUsdc, PATIENCE);
        participants.add(client.address);
        clients.add(client);
        return client;
    }

    private void lifecycle(Tracked order, BuyerClient helper) throws Exception {
        if (order.kind == Kind.COUPON_PAID) {
            couponLifecycle(order);
            return;
        }
        BuyerClient buyer = order.owner;
        long purchased = order.kind == Kind.TIME_UP ? 60 : 120;
        String hold = order.kind == Kind.ENDS_BY_ITSELF ? "1" : "600";
        JsonNode placed = order.kind == Kind.CLOUD
                ? buyer.order(CLOUD_OFFER, purchased, CLOUD_IMAGE, Map.of())
                : buyer.order(purchased, "hold", Map.of("seconds", hold));
        order.orderId = placed.path("orderId").asText();
        long amount = placed.path("escrow").path("amount").asLong();
        if (order.kind == Kind.LATE_DEPOSIT) {
            awaitPath(buyer, "/orders/" + order.orderId, o -> "EXPIRED".equals(o.path("state").asText()),
                    FUNDING_WINDOW.plus(CONFIRMATION_GRACE).plus(ORDER_TIMEOUT));
            pay(order, buyer, amount, false);
            order.completedAt = System.nanoTime();
            await(order, o -> "SETTLED".equals(o.path("state").asText()));
            order.settledAt = System.nanoTime();
            return;
        }
        switch (order.kind) {
            case UNDERFUNDED_THEN_TOPPED_UP -> {
                pay(order, buyer, amount / 2);
                Thread.sleep(1_000);
                pay(order, buyer, amount - amount / 2);
            }
            case OVERFUNDED -> pay(order, buyer, amount + 3 * USDC / 10);
            case SPONSORED -> pay(order, helper, amount);
            case SQUATTED -> {
                squat(order, helper);
                pay(order, buyer, amount);
            }
            default -> payWithPermit(order, placed, amount);
        }
        awaitRunning(order);
        order.runningAt = System.nanoTime();
        switch (order.kind) {
            case TOPPED_UP -> topUp(order, buyer);
            case TOP_UP_AFTER_SPLIT -> transact(() -> buyer.usdc().approve(stack.info().escrow(), BigInteger.ONE).send());
            default -> { }
        }
        if (order.kind == Kind.SLA_FAILURE) {
            failWorkload(order);
        } else if (order.kind != Kind.ENDS_BY_ITSELF && order.kind != Kind.TIME_UP) {
            // Long enough to be billed a few seconds, so the provider has a payout (and a dispute something to hold).
            if (order.kind != Kind.QUICK) Thread.sleep(order.kind == Kind.DISPUTED ? 3_000 : 1_500);
            order.completedAt = System.nanoTime();
            complete(order);
            if (order.kind == Kind.TOP_UP_AFTER_SPLIT) lateTopUp(order, buyer);
        }
        JsonNode settled = await(order, o -> "SETTLED".equals(o.path("state").asText()));
        order.settledAt = System.nanoTime();
        if (order.completedAt == 0) order.completedAt = order.settledAt;
        // Nothing to dispute when the provider was paid nothing (a kill left the workload lost: an SLA refund).
        if (order.kind == Kind.DISPUTED && settled.path("settlement").path("providerPayout").asLong() > 0) dispute(order, settled);
    }

    /** A retried completion the first try already made is refused as a state conflict: what counts is the order's state. */
    private void complete(Tracked order) throws Exception {
        BuyerClient.Reply reply = order.owner.call("POST", "/orders/" + order.orderId + "/complete", null);
        if (reply.status() == 409 && isCompletedOrLater(order.owner.get(order.orderId).path("state").asText())) return;
        expect2xx(reply, "complete");
    }

    private static boolean isCompletedOrLater(String state) {
        return switch (state) {
            case "STOPPING", "COMPLETED", "SETTLING", "SETTLED" -> true;
            default -> false;
        };
    }

    /** A pledge for a core-hour coupon, paid and settled with its campaign, then the coupon spent on an order. */
    private void couponLifecycle(Tracked order) throws Exception {
        BuyerClient buyer = order.owner;
        String provider = DevAccounts.LOCAL_PROVIDER.getAddress().toLowerCase();
        // Open longer than a client waits out a restart of the functions, so the deposit is seen before the close.
        String campaignId = groupBuys.openCoreHours(operator, provider, PLEDGE_WINDOW).path("campaignId").asText();
        JsonNode pledge = groupBuys.pledge(buyer, campaignId, 1);
        long deposit = pledge.path("deposit").asLong();
        order.pledgeId = pledge.path("pledgeId").asText();
        // Not droppable: a reorganisation sends it again itself, so the campaign closes on what was pledged.
        transact(() -> buyer.usdc().approve(stack.info().escrow(), BigInteger.valueOf(deposit)).send());
        order.pledgePayment = new Payment(transact(() -> buyer.escrow().deposit(buyer.address, OrderIds.toBytes32(order.pledgeId),
                BigInteger.valueOf(deposit)).send()), deposit, null);
        groupBuys.awaitCampaign(operator, campaignId, "SUCCEEDED");
        groupBuys.upload(operator, campaignId, List.of("SOAK-CORE-HOUR-" + java.util.UUID.randomUUID()));
        groupBuys.awaitCampaign(operator, campaignId, "SETTLED");
        JsonNode coupon = GroupBuyWalkthrough.eventually(() -> {
            for (JsonNode held : expect2xx(buyer.call("GET", "/coupons", null), "coupons")) {
                if (held.path("campaignId").asText().equals(campaignId)) return held;
            }
            return null;
        }, "the coupon of campaign " + campaignId);

        JsonNode quote = buyer.quote("local-cpu", 120, "hold", Map.of("seconds", "600"));
        JsonNode placed = expect2xx(buyer.call("POST", "/orders",
                Map.of("quoteId", quote.path("quoteId").asText(), "couponId", coupon.path("couponId").asText())), "coupon order");
        order.orderId = placed.path("orderId").asText();
        order.depositedAt = System.nanoTime();
        awaitRunning(order);
        order.runningAt = System.nanoTime();
        Thread.sleep(1_500);
        order.completedAt = System.nanoTime();
        complete(order);
        await(order, o -> "SETTLED".equals(o.path("state").asText()));
        order.settledAt = System.nanoTime();
    }

    /** SIGKILL to the order's workload on the provider's machine, found by the order id its launch record names. */
    private void failWorkload(Tracked order) throws Exception {
        Thread.sleep(1_000);
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            Optional<Long> pid = workloadPid(order.orderId);
            if (pid.isPresent()) {
                ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroyForcibly);
                return;
            }
            // Already ended another way (a functions process restarted under it stops what it finds running): nothing to fail.
            if (!"RUNNING".equals(order.owner.get(order.orderId).path("state").asText())) return;
            if (Instant.now().isAfter(deadline)) throw new IllegalStateException("no workload found for running order " + order.orderId);
            Thread.sleep(200);
        }
    }

    private Optional<Long> workloadPid(String orderId) throws java.io.IOException {
        try (var dirs = java.nio.file.Files.list(stack.workloadsRoot())) {
            for (Path dir : dirs.toList()) {
                Path launch = dir.resolve("launch.properties");
                if (!java.nio.file.Files.exists(launch)) continue;
                java.util.Properties record = new java.util.Properties();
                try (var in = java.nio.file.Files.newInputStream(launch)) {
                    record.load(in);
                }
                if (orderId.equals(record.getProperty("orderId"))) return Optional.of(Long.parseLong(record.getProperty("pid")));
            }
        }
        return Optional.empty();
    }

    private static boolean isRunningOrLater(String state) {
        return switch (state) {
            case "RUNNING", "STOPPING", "COMPLETED", "SETTLING", "SETTLED" -> true;
            default -> false;
        };
    }

    private void payWithPermit(Tracked order, JsonNode placed, long amount) throws Exception {
        if (!placed.path("permit").isObject()) {
            // The API could not read the token's nonce when it took the order: approve and deposit instead.
            pay(order, order.owner, amount);
            return;
        }
        java.util.concurrent.Callable<String> send = () -> transact(() -> order.owner.payWithPermit(placed));
        String transaction = send.call();
        record(order, new Payment(transaction, amount, send), true);
    }

    private void pay(Tracked order, BuyerClient payer, long microUsdc) throws Exception {
        pay(order, payer, microUsdc, true);
    }

    /** @param droppable whether a reorganisation may remove it (the payer then pays again while it waits for the order to run) */
    private void pay(Tracked order, BuyerClient payer, long microUsdc, boolean droppable) throws Exception {
        java.util.concurrent.Callable<String> send = () -> {
            transact(() -> payer.usdc().approve(stack.info().escrow(), BigInteger.valueOf(microUsdc)).send());
            return transact(() -> payer.escrow().deposit(order.owner.address, OrderIds.toBytes32(order.orderId), BigInteger.valueOf(microUsdc)).send());
        };
        record(order, new Payment(send.call(), microUsdc, send), droppable);
    }

    private void record(Tracked order, Payment payment, boolean droppable) {
        order.payments.add(payment);
        order.depositedAt = System.nanoTime();
        if (droppable) stack.reorgs().ifPresent(reorgs -> reorgs.droppable(payment.transaction()));
    }

    /**
     * Sends a transaction and waits for its receipt; sends it again if the node forgot it (a
     * reorganisation that took the pool back), as a wallet whose transaction vanished does.
     */
    private String transact(java.util.concurrent.Callable<org.web3j.protocol.core.methods.response.TransactionReceipt> send) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return send.call().getTransactionHash();
            } catch (org.web3j.protocol.exceptions.TransactionException unmined) {
                String hash = unmined.getTransactionHash().orElse(null);
                boolean forgotten = hash != null && web3j.ethGetTransactionByHash(hash).send().getTransaction().isEmpty();
                if (!forgotten || attempt == 3) throw unmined;
            }
        }
    }

    /** Waits for the order to run; pays again what a reorganisation removed meanwhile. */
    private void awaitRunning(Tracked order) throws Exception {
        Instant deadline = Instant.now().plus(ORDER_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            JsonNode view = awaitPath(order.owner, "/orders/" + order.orderId, o -> isRunningOrLater(o.path("state").asText()), Duration.ofSeconds(2));
            if (view != null) return;
            for (Payment payment : order.payments) {
                if (payment.again() == null || order.paidAgain.contains(payment) || !removedByReorg(payment)) continue;
                order.paidAgain.add(payment);
                record(order, new Payment(payment.again().call(), payment.amount(), payment.again()), true);
            }
        }
        throw new IllegalStateException("order " + order.orderId + " did not run in " + ORDER_TIMEOUT);
    }

    /** Removed by a reorganisation and not on the chain now (the same transaction may have been sent again and mined). */
    private boolean removedByReorg(Payment payment) throws java.io.IOException {
        return stack.reorgs().map(reorgs -> reorgs.dropped(payment.transaction())).orElse(false)
                && web3j.ethGetTransactionReceipt(payment.transaction()).send().getTransactionReceipt().isEmpty();
    }

    /** What the order's payers put in, counting only transactions the chain holds now. */
    private long paid(Tracked order) throws java.io.IOException {
        long total = 0;
        Set<String> counted = new java.util.HashSet<>();
        for (Payment payment : order.payments) {
            // Paid again after a reorganisation, a wallet may sign the very same transaction (same nonce, same permit).
            if (!counted.add(payment.transaction().toLowerCase())) continue;
            var receipt = web3j.ethGetTransactionReceipt(payment.transaction()).send().getTransactionReceipt();
            if (receipt.isPresent() && receipt.get().isStatusOK()) total += payment.amount();
        }
        return total;
    }

    /**
     * More money while it runs. The order may have ended first (the meter, a restart of the functions that
     * stopped its workload): the escrow then refuses the top-up as it refuses any money for a closed order,
     * and the wallet keeps it.
     */
    private void topUp(Tracked order, BuyerClient buyer) throws Exception {
        try {
            pay(order, buyer, USDC / 10);
        } catch (Exception refused) {
            if (!String.valueOf(refused.getMessage()).contains(ORDER_CLOSED)) throw refused;
        }
    }

    /** The deposit may land before the settlement (refunded by it) or after (refused by the escrow); either way nothing is lost. */
    private void lateTopUp(Tracked order, BuyerClient buyer) {
        try {
            String transaction = transact(() -> buyer.escrow().deposit(buyer.address, OrderIds.toBytes32(order.orderId), BigInteger.ONE).send());
            record(order, new Payment(transaction, 1, null), false);
        } catch (Exception refused) {
            // Settled already: the escrow refuses money for a closed order.
        }
    }

    private void squat(Tracked order, BuyerClient squatter) throws Exception {
        byte[] ref = OrderIds.toBytes32(order.orderId);
        transact(() -> squatter.usdc().approve(stack.info().escrow(), BigInteger.TWO).send());
        transact(() -> squatter.escrow().deposit(squatter.address, ref, BigInteger.ONE).send());
        squatterOrders.merge(squatter.address + "/" + order.orderId, order.orderId, (a, b) -> a);
        record(order, new Payment(transact(() -> squatter.escrow().deposit(order.owner.address, ref, BigInteger.ONE).send()), 1, null), false);
    }

    private void dispute(Tracked order, JsonNode settled) throws Exception {
        JsonNode opened = expect2xx(order.owner.call("POST", "/orders/" + order.orderId + "/disputes",
                Map.of("reason", "soak", "evidence", "soak run")), "dispute");
        String disputeId = opened.path("disputeId").asText();
        awaitPath(order.owner, "/disputes/" + disputeId, d -> "OPEN".equals(d.path("state").asText()));
        expect2xx(operator.call("POST", "/operator/disputes/" + disputeId + "/resolution", Map.of("providerShareBps", 5_000)), "resolution");
        await(order, o -> "RESOLVED".equals(o.path("state").asText()));
    }

    private JsonNode await(Tracked order, Predicate<JsonNode> done) throws Exception {
        return awaitPath(order.owner, "/orders/" + order.orderId, done);
    }

    private JsonNode awaitPath(BuyerClient client, String path, Predicate<JsonNode> done) throws Exception {
        JsonNode reached = awaitPath(client, path, done, ORDER_TIMEOUT);
        if (reached == null) throw new IllegalStateException(path + " did not get there in " + ORDER_TIMEOUT);
        return reached;
    }

    /** The resource once it satisfies {@code done}, or null when it did not within {@code patience}. */
    private JsonNode awaitPath(BuyerClient client, String path, Predicate<JsonNode> done, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            BuyerClient.Reply reply = client.call("GET", path, null);
            if (reply.status() >= 500) serverErrors.incrementAndGet();
            last = reply.body();
            if (reply.status() == 200 && done.test(last)) return last;
            // Once a second, as a wallet's page would ask: faster polling only loads the tables (and the
            // callers' rate-limit counters) that the figures are about, and measures the buyers instead.
            Thread.sleep(1_000);
        }
        return null;
    }

    private JsonNode expect2xx(BuyerClient.Reply reply, String what) {
        if (reply.status() >= 500) serverErrors.incrementAndGet();
        if (reply.status() / 100 != 2) throw new IllegalStateException(what + " answered " + reply.status() + ": " + reply.text());
        return reply.body();
    }

    private void showProgress() {
        try {
            while (true) {
                int done = finished.get();
                int width = 40;
                int filled = (int) ((long) done * width / settings.orders());
                progress.printf("\r[%s%s] %d/%d orders", "#".repeat(filled), ".".repeat(width - filled), done, settings.orders());
                progress.flush();
                Thread.sleep(1_000);
            }
        } catch (InterruptedException stop) {
            progress.printf("\r[%s] %d/%d orders", "#".repeat(40), finished.get(), settings.orders());
        }
    }

    /** Every order final and adding up, each settled at most once, and the escrow holding exactly what it owes. */
    private ObjectNode check(double seconds) throws Exception {
        ComputeEscrow escrow = ComputeEscrow.load(stack.info().escrow(), web3j, new org.web3j.tx.ReadonlyTransactionManager(web3j,
                stack.info().escrow()), new org.web3j.tx.gas.DefaultGasProvider());
        Map<String, Integer> settlements = settledEventsByKey();
        int lost = 0;
        int stuck = 0;
        int doublePaid = 0;
        int unbalanced = 0;
        BigInteger owed = BigInteger.ZERO;
        List<Long> toRunning = new ArrayList<>();
        List<Long> toSettled = new ArrayList<>();
        Map<String, Integer> failures = new HashMap<>();
        List<String> examples = new ArrayList<>();
        for (Tracked order : tracked) {
            if (order.failure != null) {
                failures.merge(order.kind.name(), 1, Integer::sum);
                if (examples.size() < 8) examples.add(order.kind + " failed: " + order.failure);
            }
            if (order.orderId == null) continue;
            BuyerClient.Reply reply = order.owner.call("GET", "/orders/" + order.orderId, null);
            if (reply.status() == 404) {
                lost++;
                continue;
            }
            JsonNode view = reply.body();
            String state = view.path("state").asText();
            boolean resolved = "RESOLVED".equals(state);
            if (!"SETTLED".equals(state) && !resolved) {
                stuck++;
                if (examples.size() < 8) examples.add(order.kind + " " + order.orderId + " stuck in " + state);
                continue;
            }
            int settledTimes = settlements.getOrDefault(
                    org.web3j.utils.Numeric.toHexString(OrderIds.escrowKey(order.owner.address, order.orderId)), 0);
            if (settledTimes > 1 && order.kind != Kind.COUPON_PAID) doublePaid++;
            JsonNode split = view.path("settlement");
            long deposit = split.path("deposit").asLong();
            long payout = split.path("providerPayout").asLong();
            long fee = split.path("fee").asLong();
            long refund = split.path("refund").asLong();
            ComputeEscrow.Order onChain = escrow.orderOf(order.owner.address, OrderIds.toBytes32(order.orderId)).send();
            long paid = paid(order);
            boolean adds = deposit == payout + fee + refund && deposit == paid && settledTimes == 1;
            if (order.kind == Kind.COUPON_PAID) {
                // The coupon paid: nothing went into the escrow for the order, nothing came out of it, nothing was settled.
                adds = deposit == 0 && payout + fee + refund == 0 && settledTimes == 0 && onChain.status.signum() == 0
                        && pledgeAddsUp(order, settlements, escrow);
                if (settledTimes > 0 || pledgeSettled(order, settlements) > 1) doublePaid++;
            } else if (resolved) {
                adds &= onChain.status.intValueExact() == RESOLVED && onChain.amount.longValueExact() <= payout;
            } else if (payout == 0) {
                adds &= onChain.status.intValueExact() == CLOSED && onChain.amount.signum() == 0;
            } else {
                adds &= onChain.status.intValueExact() == HELD && onChain.amount.longValueExact() == payout;
            }
            if (!adds) {
                unbalanced++;
                if (examples.size() < 5) {
                    examples.add(order.kind + " " + order.orderId + ": deposit " + deposit + " paid " + paid + " split "
                            + payout + "+" + fee + "+" + refund + " settled " + settledTimes + "x, on chain " + onChain.status + "/" + onChain.amount);
                }
            }
            if (order.depositedAt != 0 && order.runningAt != 0) toRunning.add((order.runningAt - order.depositedAt) / 1_000_000);
            if (order.completedAt != 0 && order.settledAt != 0) toSettled.add((order.settledAt - order.completedAt) / 1_000_000);
        }
        for (Tracked order : tracked) {
            if (order.orderId == null) continue;
            ComputeEscrow.Order onChain = escrow.orderOf(order.owner.address, OrderIds.toBytes32(order.orderId)).send();
            if (HOLDING.contains(onChain.status.intValueExact())) owed = owed.add(onChain.amount);
        }
        for (Tracked order : tracked) {
            if (order.pledgeId == null) continue;
            ComputeEscrow.Order onChain = escrow.orderOf(order.owner.address, OrderIds.toBytes32(order.pledgeId)).send();
            if (HOLDING.contains(onChain.status.intValueExact())) owed = owed.add(onChain.amount);
        }
        for (String key : squatterOrders.keySet()) {
            String[] parts = key.split("/");
            ComputeEscrow.Order onChain = escrow.orderOf(parts[0], OrderIds.toBytes32(parts[1])).send();
            if (HOLDING.contains(onChain.status.intValueExact())) owed = owed.add(onChain.amount);
        }
        for (String participant : participants) owed = owed.add(escrow.refundOf(participant).send());
        owed = owed.add(escrow.accruedFees().send()).add(escrow.insuranceReserve().send());
        BigInteger held = TestUSDC.load(stack.info().usdc(), web3j, new org.web3j.tx.ReadonlyTransactionManager(web3j, stack.info().usdc()),
                new org.web3j.tx.gas.DefaultGasProvider()).balanceOf(stack.info().escrow()).send();

        ObjectNode report = JSON.createObjectNode();
        int finishedOrders = (int) tracked.stream().filter(t -> t.settledAt != 0).count();
        report.put("orders", settings.orders());
        report.put("seconds", Math.round(seconds * 10) / 10.0);
        report.put("lifecyclesPerSecond", Math.round(finishedOrders / seconds * 100) / 100.0);
        report.put("depositToRunningP50Ms", percentile(toRunning, 50));
        report.put("depositToRunningP95Ms", percentile(toRunning, 95));
        report.put("completeToSettledP50Ms", percentile(toSettled, 50));
        report.put("completeToSettledP95Ms", percentile(toSettled, 95));
        // Every table call of the run, background jobs included, over the lifecycles that finished.
        Map<String, Long> operations = stack.tableOperations();
        long writes = operations.entrySet().stream().filter(e -> WRITES.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        long reads = operations.entrySet().stream().filter(e -> !WRITES.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        report.put("tableWritesPerLifecycle", finishedOrders == 0 ? 0 : Math.round(10.0 * writes / finishedOrders) / 10.0);
        report.put("tableReadsPerLifecycle", finishedOrders == 0 ? 0 : Math.round(10.0 * reads / finishedOrders) / 10.0);
        ObjectNode injected = report.putObject("faults");
        stack.faultsInjected().forEach((kind, count) -> injected.put(kind.label(), count));
        report.put("depositsRemovedByReorgs", stack.reorgs().map(ChainReorgs::removed).orElse(0));
        report.put("instancesLeft", instancesLeftRunning());
        // Orders no worker got to (a buyer that could not sign in), and fault kinds asked for that never fired.
        report.put("notRun", settings.orders() - tracked.size());
        var notInjected = report.putArray("faultsNotInjected");
        for (Faults.Kind kind : settings.faults()) if (injected.path(kind.label()).asLong() == 0) notInjected.add(kind.label());
        report.put("lost", lost);
        report.put("stuck", stuck);
        report.put("doublePaid", doublePaid);
        report.put("conserved", unbalanced == 0 && held.equals(owed));
        report.put("unbalancedOrders", unbalanced);
        report.put("escrowBalance", held.toString());
        report.put("escrowOwes", owed.toString());
        report.put("serverErrors", serverErrors.get());
        // Deliberate refusals while a dependency was down (Retry-After), waited out and retried as clients do.
        report.put("unavailableRetried", clients.stream().mapToInt(BuyerClient::unavailableAnswers).sum() + operator.unavailableAnswers());
        Map<String, Integer> mix = new java.util.TreeMap<>();
        for (Tracked order : tracked) mix.merge(order.kind.name(), 1, Integer::sum);
        report.set("mix", JSON.valueToTree(mix));
        report.set("failedLifecycles", JSON.valueToTree(failures));
        report.set("examples", JSON.valueToTree(examples));
        return report;
    }

    /**
     * Cloud instances of soak orders still pending or running in moto's EC2, once the leak reconciler
     * had its chance (it runs every minute and stops what outlived its order by two).
     */
    private int instancesLeftRunning() throws InterruptedException {
        Set<String> orderIds = new java.util.HashSet<>();
        for (Tracked order : tracked) if (order.kind == Kind.CLOUD && order.orderId != null) orderIds.add(order.orderId);
        if (orderIds.isEmpty()) return 0;
        try (var ec2 = software.amazon.awssdk.services.ec2.Ec2Client.builder().endpointOverride(stack.ec2Endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local"))).build()) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
            while (true) {
                int left = (int) ec2.describeInstancesPaginator(r -> r.filters(
                                software.amazon.awssdk.services.ec2.model.Filter.builder().name("instance-state-name").values("pending", "running").build()))
                        .reservations().stream().flatMap(r -> r.instances().stream())
                        .filter(i -> i.tags().stream().anyMatch(t -> t.key().equals(io.cyberplaza.provisioner.aws.Ec2Provisioner.ORDER_TAG)
                                && orderIds.contains(t.value())))
                        .count();
                if (left == 0 || Instant.now().isAfter(deadline)) return left;
                Thread.sleep(5_000);
            }
        }
    }

    /**
     * The pledge was paid once (the final chain holds the payment), settled once with its campaign, and
     * its slot holds the provider's cost of the unit (a split that refunded it all would have handed
     * out a free coupon).
     */
    private boolean pledgeAddsUp(Tracked order, Map<String, Integer> settlements, ComputeEscrow escrow) throws Exception {
        if (order.pledgePayment == null) return false;
        var receipt = web3j.ethGetTransactionReceipt(order.pledgePayment.transaction()).send().getTransactionReceipt();
        ComputeEscrow.Order slot = escrow.orderOf(order.owner.address, OrderIds.toBytes32(order.pledgeId)).send();
        return receipt.isPresent() && receipt.get().isStatusOK() && pledgeSettled(order, settlements) == 1
                && slot.status.intValueExact() == HELD && slot.amount.longValueExact() == CORE_HOUR_VENDOR_COST;
    }

    private static int pledgeSettled(Tracked order, Map<String, Integer> settlements) {
        if (order.pledgeId == null) return 0;
        return settlements.getOrDefault(org.web3j.utils.Numeric.toHexString(OrderIds.escrowKey(order.owner.address, order.pledgeId)), 0);
    }

    /** How many Settled events each order has on chain, by its escrow key (owner and id: a squatter's order under the same id is another). */
    private Map<String, Integer> settledEventsByKey() throws java.io.IOException {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, stack.info().escrow());
        filter.addSingleTopic(EventEncoder.encode(ComputeEscrow.SETTLED_EVENT));
        Map<String, Integer> counts = new HashMap<>();
        for (var result : web3j.ethGetLogs(filter).send().getLogs()) {
            counts.merge(((Log) result.get()).getTopics().get(1).toLowerCase(), 1, Integer::sum);
        }
        return counts;
    }

    private static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) return 0;
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
