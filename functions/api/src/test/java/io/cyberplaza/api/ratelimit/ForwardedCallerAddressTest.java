package io.cyberplaza.api.ratelimit;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedCallerAddressTest {
    private static String callerBehind(int hops, String... forwardedFor) {
        var request = HttpRequest.GET("/offers");
        for (String header : forwardedFor) request.header("X-Forwarded-For", header);
        return new ForwardedCallerAddress(hops).of(request);
    }

    @Test
    void theEntryTheFrontEndAppendedIsTheCallerAndWhatTheCallerWroteBeforeItIsNot() {
        assertThat(callerBehind(1, "198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(callerBehind(1, "10.0.0.1, 203.0.113.5 ,198.51.100.7:50123")).isEqualTo("198.51.100.7");
        assertThat(callerBehind(1, "10.0.0.1", "198.51.100.7")).as("the header sent twice").isEqualTo("198.51.100.7");
        assertThat(callerBehind(2, "10.0.0.1, 198.51.100.7, 35.191.0.1")).as("behind two front ends").isEqualTo("198.51.100.7");
    }

    @Test
    void portsAreDroppedAndIpv6IsKeptWhole() {
        assertThat(callerBehind(1, "[2001:db8::7]:443")).isEqualTo("2001:db8::7");
        assertThat(callerBehind(1, "2001:db8::7")).isEqualTo("2001:db8::7");
    }

    @Test
    void withoutTheFrontEndsEntryTheAddressIsUnknownNotTheCallersChoice() {
        assertThat(callerBehind(1)).isEqualTo("unknown");
        assertThat(callerBehind(2, "198.51.100.7")).isEqualTo("unknown");
    }
}
