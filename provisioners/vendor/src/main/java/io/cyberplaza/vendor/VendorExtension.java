package io.cyberplaza.vendor;

/**
 * An object the host hands one vendor module and no other, such as a test's fault injector for a
 * vendor's SDK. A module asks for extensions by type ({@link VendorSettings#extensions}); it never
 * sees the host's other objects.
 *
 * @param kind  the module it is for
 * @param value what it hands over
 */
public record VendorExtension(String kind, Object value) {
}
