package io.cyberplaza.core.auth;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;

import java.time.Clock;
import java.util.ConcurrentModificationException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Who may do what. The first operator comes from the deployment's configuration (it cannot be
 * granted by anyone, since nobody is an operator before it); every other role is granted and revoked
 * by an operator. The API reads a caller's roles here at every request (see {@link RecentAccounts}),
 * so a change takes effect within seconds, not when a session ends.
 */
public final class AccountService {
    private static final int MAX_ATTEMPTS = 8;

    private final AccountRepository accounts;
    private final Optional<String> firstOperator;
    private final Clock clock;

    public AccountService(AccountRepository accounts, Optional<String> firstOperator, Clock clock) {
        this.accounts = accounts;
        this.firstOperator = firstOperator.map(address -> address.toLowerCase(Locale.ROOT));
        this.clock = clock;
    }

    public Set<Role> rolesOf(String address) {
        String normalized = address.toLowerCase(Locale.ROOT);
        EnumSet<Role> roles = EnumSet.of(Role.USER);
        accounts.find(normalized).ifPresent(account -> roles.addAll(account.granted()));
        if (firstOperator.filter(normalized::equals).isPresent()) roles.add(Role.OPERATOR);
        return Set.copyOf(roles);
    }

    public Set<Role> grant(String operator, String address, Role role) {
        requireGrantable(role);
        return change(operator, address, roles -> {
            roles.add(role);
            return roles;
        });
    }

    public Set<Role> revoke(String operator, String address, Role role) {
        requireGrantable(role);
        String target = address.toLowerCase(Locale.ROOT);
        if (role == Role.OPERATOR && target.equals(operator.toLowerCase(Locale.ROOT))) {
            throw new DomainException(ErrorType.STATE_CONFLICT, "an operator cannot revoke their own operator role");
        }
        return change(operator, address, roles -> {
            roles.remove(role);
            return roles;
        });
    }

    private Set<Role> change(String operator, String address, UnaryOperator<EnumSet<Role>> edit) {
        if (!rolesOf(operator).contains(Role.OPERATOR)) {
            throw new DomainException(ErrorType.FORBIDDEN, "only an operator may grant or revoke roles");
        }
        String target = address.toLowerCase(Locale.ROOT);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            // Read as stored: a kept copy that already looked changed would make a revocation a silent no-op.
            Account current = accounts.findCurrent(target).orElseGet(() -> Account.empty(target, clock.instant()));
            EnumSet<Role> wanted = current.granted().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(current.granted());
            wanted = edit.apply(wanted);
            if (wanted.equals(current.granted())) return rolesOf(target);
            if (accounts.replace(current, current.with(wanted, clock.instant(), operator.toLowerCase(Locale.ROOT)))) {
                return rolesOf(target);
            }
        }
        throw new ConcurrentModificationException("account " + target + " kept changing");
    }

    private static void requireGrantable(Role role) {
        if (role == Role.USER) throw new DomainException(ErrorType.INVALID_REQUEST, "every address is a user; USER is not granted");
    }
}
