package io.cyberplaza.core.contract;

import io.cyberplaza.core.vendor.Instance;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.core.vendor.WebhookReceipts;
import io.cyberplaza.provisioner.ResourceStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every Instances and WebhookReceipts store must do. */
public abstract class InstanceRepositoryContract {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");

    protected abstract InstanceRepository instances();

    protected abstract WebhookReceipts receipts();

    private static Instance launched() {
        return Instance.launched("us-east-1/i-" + UUID.randomUUID().toString().substring(0, 17).replace("-", ""), "aws-ec2",
                OrderRepositoryContract.randomOrderId(), ResourceStatus.PENDING, NOW);
    }

    @Test
    void aLaunchIsRecordedOnceAndEveryFieldRoundTrips() {
        InstanceRepository repository = instances();
        Instance instance = launched();
        repository.recordLaunch(instance);
        Instance running = instance.changedTo(ResourceStatus.RUNNING, NOW.plusSeconds(20));
        assertThat(repository.replace(instance, running)).isTrue();

        repository.recordLaunch(instance);
        assertThat(repository.find(instance.resourceId())).contains(running);
        Instance ended = running.changedTo(ResourceStatus.TERMINATED, NOW.plusSeconds(90));
        assertThat(repository.replace(running, ended)).isTrue();
        assertThat(repository.find(instance.resourceId())).contains(ended);
        assertThat(ended.runningSince()).isEqualTo(NOW.plusSeconds(20));
        assertThat(ended.endedAt()).isEqualTo(NOW.plusSeconds(90));
    }

    @Test
    void aChangeAppliesOnlyToTheVersionItWasMadeFrom() {
        InstanceRepository repository = instances();
        Instance instance = launched();
        repository.recordLaunch(instance);
        assertThat(repository.replace(instance, instance.changedTo(ResourceStatus.RUNNING, NOW.plusSeconds(5)))).isTrue();
        assertThat(repository.replace(instance, instance.changedTo(ResourceStatus.STOPPED, NOW.plusSeconds(6)))).isFalse();
        assertThat(repository.find(instance.resourceId())).get().extracting(Instance::status).isEqualTo(ResourceStatus.RUNNING);
    }

    @Test
    void aDeletedRecordIsGone() {
        InstanceRepository repository = instances();
        Instance instance = launched();
        repository.recordLaunch(instance);
        repository.delete(instance.resourceId());
        repository.delete(instance.resourceId());
        assertThat(repository.find(instance.resourceId())).isEmpty();
    }

    @Test
    void anEventIsReceivedOncePerVendor() {
        WebhookReceipts receipts = receipts();
        String eventId = UUID.randomUUID().toString();
        assertThat(receipts.seen("aws-ec2", eventId)).isFalse();
        assertThat(receipts.record("aws-ec2", eventId, NOW, NOW.plusSeconds(7_200))).isTrue();
        assertThat(receipts.record("aws-ec2", eventId, NOW, NOW.plusSeconds(7_200))).isFalse();
        assertThat(receipts.seen("aws-ec2", eventId)).isTrue();
        assertThat(receipts.seen("azure-compute", eventId)).isFalse();
    }
}
