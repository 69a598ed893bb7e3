// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title Signature probe: ERC-6492 verification in one eth_call
/// @notice Never deployed. The backend runs this contract's creation code in an `eth_call` with the
///         signer, the digest and the signature as constructor arguments, and reads back one byte,
///         0x01 when the signature is the signer's. A key is checked with ecrecover, a deployed
///         contract account (a Safe, an ERC-4337 account) with EIP-1271, and an account that is not
///         deployed yet by first running the factory call its ERC-6492 wrapper carries. That call
///         only happens inside the simulation, so checking a signature never writes to the chain.
contract SignatureProbe {
    /// @dev ERC-6492's marker at the end of a wrapped signature.
    bytes32 private constant ERC6492_SUFFIX = 0x6492649264926492649264926492649264926492649264926492649264926492;

    constructor(address signer, bytes32 digest, bytes memory signature) {
        bool valid = _isValid(signer, digest, signature);
        assembly ("memory-safe") {
            mstore(0x00, valid)
            return(0x1f, 0x01)
        }
    }

    function _isValid(address signer, bytes32 digest, bytes memory signature) private returns (bool) {
        if (!_isWrapped(signature)) return SignatureChecker.isValidSignatureNow(signer, digest, signature);
        _dropSuffix(signature);
        (address factory, bytes memory factoryCall, bytes memory inner) = abi.decode(signature, (address, bytes, bytes));
        if (signer.code.length == 0) {
            // The wrapper's factory call must create the very account that claims to have signed.
            (bool created,) = factory.call(factoryCall);
            if (!created || signer.code.length == 0) return false;
        }
        return SignatureChecker.isValidERC1271SignatureNow(signer, digest, inner);
    }

    function _isWrapped(bytes memory signature) private pure returns (bool wrapped) {
        if (signature.length < 32) return false;
        bytes32 tail;
        assembly ("memory-safe") {
            tail := mload(add(signature, mload(signature)))
        }
        return tail == ERC6492_SUFFIX;
    }

    function _dropSuffix(bytes memory signature) private pure {
        assembly ("memory-safe") {
            mstore(signature, sub(mload(signature), 32))
        }
    }
}
