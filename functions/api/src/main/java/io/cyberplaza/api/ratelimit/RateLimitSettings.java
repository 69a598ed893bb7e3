package io.cyberplaza.api.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param perIdentity  requests a signed-in caller may make in a window
 * @param perAddress   requests one network address may make in a window without signing in
 * @param perSignIn    sign-in requests one network address may make in a window: a budget of their own,
 *                     so browsing cannot lock anyone out of signing in, nor a sign-in storm out of browsing
 * @param perWebhook   callbacks one network address may deliver to one vendor's webhook in a window:
 *                     each vendor's own, so no caller can make another vendor's callbacks fail
 * @param window       the window's length, from the identity's first request in it
 */
@ConfigurationProperties("cyberplaza.api.rate-limit")
public record RateLimitSettings(@Bindable(defaultValue = "100") int perIdentity,
                                @Bindable(defaultValue = "300") int perAddress,
                                @Bindable(defaultValue = "300") int perSignIn,
                                @Bindable(defaultValue = "6000") int perWebhook,
                                @Bindable(defaultValue = "1m") Duration window) {
}
