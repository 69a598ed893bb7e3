package io.cyberplaza.core.auth;

/** What a signed-in address may do. Everyone is a USER; the others are granted by an operator. */
public enum Role {
    USER,
    PROVIDER,
    OPERATOR
}
