package io.cyberplaza.bench;

import com.sun.net.httpserver.HttpServer;
import io.cyberplaza.core.pricing.Observation;
import io.cyberplaza.core.pricing.PriceAggregator;
import io.cyberplaza.provisioner.azure.AzureRetailPrices;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Time and peak heap to ingest and aggregate 100,000 price records: four mirrors of a price list in
 * the Azure Retail Prices shape (25,000 records each, 1,000 a page), served from loopback, read by
 * the real source adapter and aggregated in one round. Run with {@code -Xmx512m}, a Lambda's size.
 */
public final class PriceIngestBenchmark {
    private static final int SOURCES = 4;
    private static final int RECORDS_PER_SOURCE = 25_000;
    private static final int PAGE = 1_000;
    private static final String[] REGIONS = {"eastus", "westus2", "westeurope", "germanywestcentral", "southeastasia"};

    private PriceIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            int source = Integer.parseInt(exchange.getRequestURI().getPath().split("/")[1].substring(1));
            int skip = query != null && query.contains("$skip=") ? Integer.parseInt(query.substring(query.indexOf("$skip=") + 6)) : 0;
            byte[] body = page(source, skip, "http://127.0.0.1:" + server.getAddress().getPort() + "/s" + source).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long started = System.nanoTime();
            List<Observation> observations = new ArrayList<>();
            for (int source = 0; source < SOURCES; source++) {
                String name = "mirror-" + source;
                new AzureRetailPrices(http, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/s" + source), Clock.systemUTC())
                        .read(o -> observations.add(new Observation(name, o.recordId(), o.key(), o.microUsd(), o.currency(), o.observedAt())));
            }
            PriceAggregator.Round round = new PriceAggregator(PriceAggregator.Settings.defaults()).aggregate(observations, java.time.Instant.now());
            long millis = (System.nanoTime() - started) / 1_000_000;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long max = Runtime.getRuntime().maxMemory();
            System.out.println();
            System.out.printf("Price ingest: %,d records (%,d observations) read and aggregated into %,d prices (%,d rejections) in %,d ms;"
                            + " peak heap %,d MB of %,d MB%n", SOURCES * RECORDS_PER_SOURCE, observations.size(), round.prices().size(),
                    round.rejections().size(), millis, peak >> 20, max >> 20);
            System.out.printf("{\"benchmark\":\"price-ingest\",\"records\":%d,\"millis\":%d,\"peakHeapMb\":%d,\"maxHeapMb\":%d}%n",
                    SOURCES * RECORDS_PER_SOURCE, millis, peak >> 20, max >> 20);
        } finally {
            server.stop(0);
        }
    }

    /** One page of a mirror's list: machine types spread over regions, prices near each other across mirrors. */
    private static String page(int source, int skip, String base) {
        StringBuilder json = new StringBuilder(PAGE * 700).append("{\"BillingCurrency\":\"USD\",\"Items\":[");
        for (int i = skip; i < Math.min(skip + PAGE, RECORDS_PER_SOURCE); i++) {
            if (i > skip) json.append(',');
            int vcpus = 2 << (i % 4);
            String sku = i % 50 == 0 ? "Standard_D" + vcpus + "s_v5" : "Standard_X" + (i / REGIONS.length % 4_000) + "_v" + vcpus;
            String region = REGIONS[i % REGIONS.length];
            long cents = 48L * vcpus * (100 + source) / 100;
            json.append("{\"currencyCode\":\"USD\",\"tierMinimumUnits\":0.0,\"retailPrice\":0.0").append(cents)
                    .append(",\"unitPrice\":0.0").append(cents).append(",\"armRegionName\":\"").append(region)
                    .append("\",\"location\":\"Somewhere\",\"effectiveStartDate\":\"2024-01-01T00:00:00Z\",\"meterId\":\"m-")
                    .append(source).append('-').append(i).append("\",\"meterName\":\"").append(sku)
                    .append("\",\"productId\":\"DZH318Z0BQPS\",\"skuId\":\"DZH318Z0BQPS/00TG\",\"productName\":\"Virtual Machines Series\",")
                    .append("\"skuName\":\"").append(sku).append("\",\"serviceName\":\"Virtual Machines\",\"serviceId\":\"DZH313Z7MMC8\",")
                    .append("\"serviceFamily\":\"Compute\",\"unitOfMeasure\":\"1 Hour\",\"type\":\"Consumption\",\"isPrimaryMeterRegion\":true,")
                    .append("\"armSkuName\":\"").append(sku).append("\"}");
        }
        json.append("],\"NextPageLink\":");
        json.append(skip + PAGE < RECORDS_PER_SOURCE ? "\"" + base + "/api/retail/prices?api-version=2023-01-01-preview&$skip=" + (skip + PAGE) + "\"" : "null");
        return json.append(",\"Count\":").append(Math.min(PAGE, RECORDS_PER_SOURCE - skip)).append('}').toString();
    }
}
