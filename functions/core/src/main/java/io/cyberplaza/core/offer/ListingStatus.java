package io.cyberplaza.core.offer;

/** ACTIVE offers are on sale; an operator SUSPENDS one (and may reinstate it); its provider WITHDRAWS it for good. */
public enum ListingStatus {
    ACTIVE,
    SUSPENDED,
    WITHDRAWN
}
