package io.cyberplaza.aws.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.core.order.OrderState;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The metric lines a Lambda function writes, in the shape CloudWatch's embedded metric format requires. */
class EmfMetricsTest {

    private static List<JsonNode> emitted(Runnable measurements) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            measurements.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) if (!line.isBlank()) lines.add(json.readTree(line));
        return lines;
    }

    @Test
    void eachMeasurementIsOneEmbeddedMetricLineWithItsDimensions() throws Exception {
        EmfMetrics metrics = new EmfMetrics(new LambdaEnvironment(), "prod");
        List<JsonNode> lines = emitted(() -> {
            metrics.orderReached(OrderState.FUNDED);
            metrics.settlementConfirmed(Duration.ofMillis(42_500));
            metrics.vendorError("aws-ec2", "THROTTLED");
        });
        assertThat(lines).hasSize(3);

        JsonNode state = lines.get(0);
        JsonNode directive = state.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(state.path("_aws").path("Timestamp").asLong()).isPositive();
        assertThat(directive.path("Namespace").asText()).isEqualTo("CyberPlaza");
        assertThat(directive.path("Metrics").get(0).path("Name").asText()).isEqualTo("OrdersEnteringState");
        assertThat(directive.path("Metrics").get(0).path("Unit").asText()).isEqualTo("Count");
        assertThat(directive.path("Dimensions").get(0)).extracting(JsonNode::asText).contains("Environment", "State");
        assertThat(state.path("State").asText()).isEqualTo("FUNDED");
        assertThat(state.path("Environment").asText()).isEqualTo("prod");
        assertThat(state.path("OrdersEnteringState").asDouble()).isEqualTo(1.0);

        assertThat(lines.get(1).path("SettlementLatency").asDouble()).isEqualTo(42.5);
        assertThat(lines.get(1).path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Unit").asText())
                .isEqualTo("Seconds");
        assertThat(lines.get(2).path("Vendor").asText()).isEqualTo("aws-ec2");
        assertThat(lines.get(2).path("Reason").asText()).isEqualTo("THROTTLED");
    }
}
