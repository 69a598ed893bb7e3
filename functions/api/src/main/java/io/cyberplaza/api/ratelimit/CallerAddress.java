package io.cyberplaza.api.ratelimit;

import io.micronaut.http.HttpRequest;

/**
 * The network address a request came from, as the deployment can tell it: the socket's peer where
 * the API serves HTTP itself, the address the cloud's front end saw elsewhere. Anonymous callers are
 * limited by it, so it must never be one a caller can choose.
 */
public interface CallerAddress {
    /** The caller's address, or {@code "unknown"} when the deployment cannot tell. */
    String of(HttpRequest<?> request);
}
