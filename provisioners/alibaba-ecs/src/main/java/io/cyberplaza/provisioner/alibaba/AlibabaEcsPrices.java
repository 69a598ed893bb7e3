package io.cyberplaza.provisioner.alibaba;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.core.pricing.Observation;
import io.cyberplaza.core.pricing.PriceSource;
import io.cyberplaza.vendor.MachinePrices;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Alibaba Cloud's ECS price API ({@code DescribePrice}, pay-as-you-go, one hour) for the machine
 * types and regions the marketplace resells. The call goes through the SDK's common request so the
 * answer is read as decimal text: the typed response would round the prices to binary fractions.
 * The instance's own line of the price details is used (the total includes the system disk).
 */
public final class AlibabaEcsPrices implements PriceSource {
    public static final String NAME = "alibaba-price";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** A machine type a region does not sell is no failure of the source. */
    private static final Set<String> NOT_SOLD = Set.of("InvalidInstanceType.NotFound", "InvalidInstanceType.ValueNotSupported",
            "Invalid.InstanceType", "InvalidRegionId.NotFound");

    private final IAcsClient client;
    private final String endpoint;
    private final List<String> regions;
    private final List<String> machineTypes;
    private final Clock clock;

    /** @param endpoint an endpoint override ({@code host:port}, plain HTTP) for tests; null for the regional endpoints */
    public AlibabaEcsPrices(String accessKeyId, String accessKeySecret, String endpoint, List<String> regions, List<String> machineTypes,
                            Clock clock) {
        DefaultAcsClient acs = new DefaultAcsClient(DefaultProfile.getProfile(regions.isEmpty() ? "cn-hangzhou" : regions.getFirst(),
                accessKeyId, accessKeySecret));
        acs.setAutoRetry(false);
        this.client = acs;
        this.endpoint = endpoint;
        this.regions = List.copyOf(regions);
        this.machineTypes = List.copyOf(machineTypes);
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void read(Consumer<Observation> sink) {
        Instant observedAt = clock.instant();
        for (String region : regions) {
            for (String machineType : machineTypes) {
                JsonNode price = describePrice(region, machineType);
                if (price == null) continue;
                MachinePrices.emit(NAME, region + "/" + machineType, region, machineType, instanceTradePrice(price),
                        price.path("Currency").asText(""), observedAt, sink);
            }
        }
    }

    private JsonNode describePrice(String region, String machineType) {
        CommonRequest request = new CommonRequest();
        request.setSysMethod(MethodType.POST);
        request.setSysDomain(endpoint != null ? endpoint : "ecs." + region + ".aliyuncs.com");
        if (endpoint != null) request.setSysProtocol(ProtocolType.HTTP);
        request.setSysVersion("2014-05-26");
        request.setSysAction("DescribePrice");
        request.putQueryParameter("RegionId", region);
        request.putQueryParameter("ResourceType", "instance");
        request.putQueryParameter("InstanceType", machineType);
        request.putQueryParameter("PriceUnit", "Hour");
        request.putQueryParameter("Period", "1");
        request.putQueryParameter("InstanceNetworkType", "vpc");
        try {
            return JSON.readTree(client.getCommonResponse(request).getData()).path("PriceInfo").path("Price");
        } catch (ClientException e) {
            if (NOT_SOLD.contains(e.getErrCode())) return null;
            throw new IllegalStateException("ECS DescribePrice failed for " + machineType + " in " + region + ": " + e.getErrCode(), e);
        } catch (IOException e) {
            throw new IllegalStateException("ECS DescribePrice answered with something that is not JSON", e);
        }
    }

    private static BigDecimal instanceTradePrice(JsonNode price) {
        for (JsonNode detail : price.path("DetailInfos").path("ResourcePriceModel")) {
            if ("instanceType".equals(detail.path("Resource").asText()) && detail.path("TradePrice").isNumber()) {
                return detail.path("TradePrice").decimalValue();
            }
        }
        return price.path("TradePrice").isNumber() ? price.path("TradePrice").decimalValue() : null;
    }
}
