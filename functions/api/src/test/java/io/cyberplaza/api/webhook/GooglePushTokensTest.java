package io.cyberplaza.api.webhook;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GooglePushTokensTest {

    @Test
    void aDeploymentThatNamesNoPushIdentityAcceptsNoPush() throws Exception {
        // No keys are ever fetched: the refusal comes before any token is read.
        GooglePushTokens unconfigured = new GooglePushTokens("http://127.0.0.1:9/oauth2/v3/certs", "", "");
        for (String audience : new String[]{"", "https://api.example/webhooks/gcp"}) {
            GooglePushTokens halfConfigured = new GooglePushTokens("http://127.0.0.1:9/oauth2/v3/certs", audience,
                    audience.isEmpty() ? "push@project.iam.gserviceaccount.com" : "");
            assertThatThrownBy(() -> halfConfigured.require("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))
                    .isInstanceOfSatisfying(DomainException.class, e -> org.assertj.core.api.Assertions.assertThat(e.type())
                            .isEqualTo(ErrorType.WEBHOOK_UNAUTHENTICATED));
        }
        assertThatThrownBy(() -> unconfigured.require("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))
                .isInstanceOf(DomainException.class).hasMessageContaining("names no push identity");
    }
}
