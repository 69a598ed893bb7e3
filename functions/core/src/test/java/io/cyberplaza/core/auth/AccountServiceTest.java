package io.cyberplaza.core.auth;

import java.time.Duration;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.fakes.InMemoryAccountRepository;
import io.cyberplaza.core.fakes.MutableClock;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountServiceTest {
    private static final String ROOT = "0x00000000000000000000000000000000000000F0";
    private static final String ALICE = "0x00000000000000000000000000000000000000a1";
    private static final String BOB = "0x00000000000000000000000000000000000000b0";

    private final InMemoryAccountRepository repository = new InMemoryAccountRepository();
    private final AccountService accounts = new AccountService(repository, Optional.of(ROOT), new MutableClock());

    private static void assertRefused(Runnable call, ErrorType type) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo(type));
    }

    @Test
    void everyoneIsAUserAndTheConfiguredAddressIsTheFirstOperator() {
        assertThat(accounts.rolesOf(ALICE)).containsExactly(Role.USER);
        assertThat(accounts.rolesOf(ROOT.toLowerCase())).containsExactlyInAnyOrder(Role.USER, Role.OPERATOR);
    }

    @Test
    void anOperatorGrantsAndRevokesAndTheRolesAreStored() {
        assertThat(accounts.grant(ROOT, ALICE, Role.PROVIDER)).containsExactlyInAnyOrder(Role.USER, Role.PROVIDER);
        assertThat(accounts.grant(ROOT, ALICE, Role.PROVIDER)).as("idempotent").containsExactlyInAnyOrder(Role.USER, Role.PROVIDER);
        assertThat(repository.find(ALICE).orElseThrow().version()).isEqualTo(1);
        assertThat(repository.find(ALICE).orElseThrow().updatedBy()).isEqualTo(ROOT.toLowerCase());

        accounts.grant(ROOT, BOB, Role.OPERATOR);
        assertThat(accounts.revoke(BOB, ALICE, Role.PROVIDER)).as("a granted operator acts too").containsExactly(Role.USER);
    }

    @Test
    void onlyOperatorsChangeRolesAndNobodyLocksThemselvesOut() {
        assertRefused(() -> accounts.grant(ALICE, ALICE, Role.OPERATOR), ErrorType.FORBIDDEN);
        accounts.grant(ROOT, ALICE, Role.PROVIDER);
        assertRefused(() -> accounts.grant(ALICE, BOB, Role.PROVIDER), ErrorType.FORBIDDEN);
        assertRefused(() -> accounts.grant(ROOT, BOB, Role.USER), ErrorType.INVALID_REQUEST);
        assertRefused(() -> accounts.revoke(ROOT, ROOT, Role.OPERATOR), ErrorType.STATE_CONFLICT);
        assertThat(repository.find(BOB)).isEmpty();
    }

    @Test
    void rolesReadThroughAKeptCopyChangeWithinItsSpanAndARevocationIsNeverLostToACopy() {
        MutableClock clock = new MutableClock();
        Duration keep = Duration.ofSeconds(5);
        AccountService here = new AccountService(new RecentAccounts(repository, keep, clock), Optional.of(ROOT), clock);
        AccountService elsewhere = new AccountService(repository, Optional.of(ROOT), clock);
        assertThat(here.rolesOf(ALICE)).containsExactly(Role.USER);

        elsewhere.grant(ROOT, ALICE, Role.PROVIDER);
        assertThat(here.rolesOf(ALICE)).as("kept for its span").containsExactly(Role.USER);
        // Revoked here while the copy here still says she never had it: the revocation must reach the table.
        assertThat(here.revoke(ROOT, ALICE, Role.PROVIDER)).containsExactly(Role.USER);
        assertThat(repository.find(ALICE).orElseThrow().granted()).isEmpty();

        elsewhere.grant(ROOT, ALICE, Role.OPERATOR);
        clock.advance(keep);
        assertThat(here.rolesOf(ALICE)).as("another container's grant, once the copy is old").contains(Role.OPERATOR);
    }
}
