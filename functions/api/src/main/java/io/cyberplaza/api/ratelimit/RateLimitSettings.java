package io.cyberplaza.api.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param perIdentity  requests a signed-in caller may make in a window
 * @param perAddress   requests one network address may make in a window without signing in
 * @param window       the window's length, from the identity's first request in it
 */
@ConfigurationProperties("cyberplaza.api.rate-limit")
public record RateLimitSettings(@Bindable(defaultValue = "100") int perIdentity,
                                @Bindable(defaultValue = "300") int perAddress,
                                @Bindable(defaultValue = "1m") Duration window) {
}
