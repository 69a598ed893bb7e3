package io.cyberplaza.api;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * @param domains    the hosts a Sign-In with Ethereum message may name (the API's own host names)
 * @param uri        the URI put in the messages this API prepares
 * @param sessionTtl how long a session token lasts
 * @param nonceTtl   how long a sign-in nonce may wait for its signature
 */
@ConfigurationProperties("cyberplaza.api")
public record ApiSettings(List<String> domains, String uri, Duration sessionTtl, Duration nonceTtl) {
}
