package io.cyberplaza.core.run;

import io.cyberplaza.core.fakes.FakeProvisioner;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.Resource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvisionersTest {

    /** The platform's own cloud account under another kind's name. */
    private record Cloud(FakeProvisioner fake) implements Provisioner {
        public String kind() { return "aws-ec2"; }
        public boolean leaksCost() { return true; }
        public Resource launch(LaunchRequest request, String key) { return fake.launch(request, key); }
        public Optional<Resource> describe(String id) { return fake.describe(id); }
        public void stop(String id) { fake.stop(id); }
        public void terminate(String id) { fake.terminate(id); }
        public List<Resource> listOwned() { return fake.listOwned(); }
    }

    @Test
    void providersListOnlyForTheirOwnKindOfProvisionerNotThePlatformsCloudAccounts() {
        FakeProvisioner local = new FakeProvisioner(new MutableClock());
        Provisioners provisioners = new Provisioners(List.of(local, new Cloud(new FakeProvisioner(new MutableClock()))));

        assertThat(provisioners.kinds()).containsExactlyInAnyOrder("local-process", "aws-ec2");
        assertThat(provisioners.listableByProviders()).containsExactly("local-process");
        assertThat(provisioners.forKind("aws-ec2").leaksCost()).isTrue();
        assertThatThrownBy(() -> provisioners.forKind("gcp-compute")).isInstanceOf(IllegalStateException.class);
    }
}
