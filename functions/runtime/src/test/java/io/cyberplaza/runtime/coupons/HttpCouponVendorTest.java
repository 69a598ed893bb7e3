package io.cyberplaza.runtime.coupons;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cyberplaza.core.groupbuy.Campaign;
import io.cyberplaza.core.groupbuy.CouponSource;
import io.cyberplaza.core.groupbuy.DeliveredCode;
import io.cyberplaza.core.groupbuy.PriceTier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The vendor coupon API collector against a stand-in of the vendor's reseller API (it has no emulator). */
class HttpCouponVendorTest {
    private static final String API_KEY = "vendor-api-key-0123456789";
    private static final String SECRET_CODE = "GPU-SECRET-CODE-7Q2W";

    private WireMockServer vendorApi;
    private HttpCouponVendor vendor;
    private final Campaign campaign = Campaign.open("cmp_0123456789abcdef0123", "GPU credit", Campaign.CampaignKind.COUPON_BUNDLE,
            "gpu-cloud", "credit-100", List.of(new PriceTier(1, 90_000_000)), 1, 10, 2, Instant.parse("2026-12-01T00:00:00Z"),
            new Campaign.Supply(CouponSource.VENDOR_API, "0x" + "9e".repeat(20), 60_000_000, 100_000_000, "USDC"));

    @BeforeEach
    void start() {
        vendorApi = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        vendorApi.start();
        vendor = new HttpCouponVendor("gpu-cloud", URI.create(vendorApi.baseUrl()), API_KEY, HttpClient.newHttpClient());
    }

    @AfterEach
    void stop() {
        vendorApi.stop();
    }

    @Test
    void aPurchaseCarriesItsIdempotencyKeyAndTheCodesAreCollectedForIt() {
        vendorApi.stubFor(post("/v1/orders").withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withHeader("Idempotency-Key", equalTo("campaign:" + campaign.campaignId()))
                .withRequestBody(equalToJson("{\"sku\":\"credit-100\",\"quantity\":5,\"reference\":\"" + campaign.campaignId() + "\"}"))
                .willReturn(okJson("{\"orderId\":\"vo-42\"}")));
        vendorApi.stubFor(get(urlEqualTo("/v1/orders/vo-42/codes")).withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .willReturn(okJson("{\"codes\":[{\"code\":\"" + SECRET_CODE + "\",\"expiresAt\":\"2027-12-01T00:00:00Z\"}]}")));

        String ref = vendor.purchase(campaign, 5, "campaign:" + campaign.campaignId());
        String again = vendor.purchase(campaign, 5, "campaign:" + campaign.campaignId());
        List<DeliveredCode> codes = vendor.codes(campaign, ref);

        assertThat(ref).isEqualTo(again).isEqualTo("vo-42");
        vendorApi.verify(2, postRequestedFor(urlEqualTo("/v1/orders")).withHeader("Idempotency-Key", equalTo("campaign:" + campaign.campaignId())));
        assertThat(codes).extracting(DeliveredCode::code).containsExactly(SECRET_CODE);
        assertThat(codes.getFirst().expiresAt()).isEqualTo(Instant.parse("2027-12-01T00:00:00Z"));
    }

    @Test
    void aRefusalNamesTheStatusAndNeverTheBody() {
        vendorApi.stubFor(post("/v1/orders").willReturn(aResponse().withStatus(409).withBody("{\"error\":\"" + SECRET_CODE + "\"}")));
        vendorApi.stubFor(get(urlEqualTo("/v1/orders/vo-1/codes")).willReturn(aResponse().withStatus(503).withBody(SECRET_CODE)));
        vendorApi.stubFor(get(urlEqualTo("/v1/orders/vo-2/codes")).willReturn(okJson("{\"codes\":[]}")));

        assertThatThrownBy(() -> vendor.purchase(campaign, 1, "k")).hasMessageContaining("HTTP 409").hasMessageNotContaining(SECRET_CODE);
        assertThatThrownBy(() -> vendor.codes(campaign, "vo-1")).hasMessageContaining("HTTP 503").hasMessageNotContaining(SECRET_CODE);
        assertThat(vendor.codes(campaign, "vo-2")).isEmpty();
    }

    @Test
    void aPurchaseAnsweredWithoutAnOrderIdIsAnError() {
        vendorApi.stubFor(post("/v1/orders").willReturn(okJson("{}")));
        assertThatThrownBy(() -> vendor.purchase(campaign, 1, "k")).hasMessageContaining("without an orderId");
    }
}
