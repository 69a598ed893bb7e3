package io.cyberplaza.core.groupbuy;

import java.util.List;

/**
 * Port: keeps coupon codes secret at rest. Codes are sealed with envelope encryption (one data key
 * per batch, wrapped by the platform's key: KMS on AWS, a local key in the local runner) and are
 * recognised again by a keyed fingerprint, so duplicates are found without storing a code in clear.
 */
public interface CodeVault {

    /** The codes sealed, in order, under one fresh data key. */
    List<SealedCode> seal(List<String> codes);

    String open(SealedCode sealed);

    /** The same for the same vendor and code, and useless to anyone without the platform's key. */
    String fingerprint(String vendor, String code);
}
