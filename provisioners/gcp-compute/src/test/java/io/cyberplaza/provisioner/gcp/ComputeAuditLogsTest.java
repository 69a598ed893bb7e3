package io.cyberplaza.provisioner.gcp;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.vendor.VendorEvent;
import io.cyberplaza.provisioner.ResourceStatus;
import io.cyberplaza.vendor.CallbackReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComputeAuditLogsTest {
    private static final String INSTANCE = "projects/cyberplaza-test/zones/europe-west1-b/instances/cp-order-1";
    private final ComputeAuditLogs reader = new ComputeAuditLogs();

    private static byte[] push(String entry) {
        String data = Base64.getEncoder().encodeToString(entry.getBytes(StandardCharsets.UTF_8));
        return ("{\"message\":{\"messageId\":\"m-1\",\"publishTime\":\"2026-12-04T10:00:01Z\",\"data\":\"" + data + "\"},"
                + "\"subscription\":\"projects/cyberplaza-test/subscriptions/compute-audit\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String entry(String method, String padding) {
        return "{\"protoPayload\":{\"methodName\":\"" + method + "\",\"resourceName\":\"" + INSTANCE + "\",\"request\":{\"note\":\""
                + padding + "\"}},\"operation\":{\"id\":\"op-1\",\"last\":true},\"timestamp\":\"2026-12-04T10:00:00Z\"}";
    }

    @Test
    void anEntryOfSeveralKilobytesAsCloudLoggingWritesThemIsRead() {
        CallbackReader.Delivery delivery = reader.read(push(entry("v1.compute.instances.insert", "x".repeat(6_000))));

        assertThat(delivery.sentAt()).isEqualTo(Instant.parse("2026-12-04T10:00:01Z"));
        assertThat(delivery.changes()).containsExactly(new VendorEvent(GcpComputeProvisioner.KIND, "m-1", INSTANCE, ResourceStatus.RUNNING,
                Instant.parse("2026-12-04T10:00:00Z")));
    }

    @Test
    void anOperationsFirstEntryOrAnotherResourceChangesNothingAndAnythingElseIsMalformed() {
        assertThat(reader.read(push(entry("v1.compute.instances.stop", "").replace("\"last\":true", "\"first\":true"))).changes()).isEmpty();
        assertThat(reader.read(push(entry("v1.compute.disks.insert", "").replace(INSTANCE, "projects/p/zones/z/disks/d"))).changes()).isEmpty();
        assertThatThrownBy(() -> reader.read(push("not json"))).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> reader.read("{\"message\":{}} trailing".getBytes(StandardCharsets.UTF_8))).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> reader.read(push(entry("v1.compute.instances.insert", "x".repeat(400_000)))))
                .isInstanceOf(DomainException.class).hasMessageContaining("data");
    }
}
