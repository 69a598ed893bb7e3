package io.cyberplaza.store.document;

import io.cyberplaza.core.auth.Account;
import io.cyberplaza.core.auth.AccountRepository;

import java.util.Optional;

final class DocumentAccountRepository implements AccountRepository {
    private final DocumentTable<Account> accounts;

    DocumentAccountRepository(DocumentStore store, String collection) {
        this.accounts = new DocumentTable<>(store, collection, Account.class, account -> DocumentTable.single(account.address()));
    }

    @Override
    public Optional<Account> find(String address) {
        return accounts.find(DocumentTable.single(address));
    }

    @Override
    public boolean replace(Account expected, Account next) {
        if (next.version() != expected.version() + 1) return false;
        // Version 0 is an account never written: its first change creates it.
        if (expected.version() == 0) return accounts.create(next);
        return accounts.replaceIf(DocumentTable.single(expected.address()), stored -> stored.version() == expected.version(), next);
    }
}
