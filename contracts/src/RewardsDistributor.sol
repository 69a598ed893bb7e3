// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title Cumulative Merkle rewards
/// @notice Each epoch the platform publishes the root of a tree whose leaf for an account holds the
/// total CPT it ever earned; a claim pays the difference to what the account already claimed, so a
/// missed epoch is never lost and a repeated claim pays nothing. Leaves are hashed twice,
/// `keccak256(bytes.concat(keccak256(abi.encode(account, cumulative))))`, so no inner node can pass
/// for a leaf. A proposed root becomes claimable only `rootDelay` after it was proposed, and the
/// guardian can revoke it meanwhile: a stolen publisher key cannot pay itself at once. Anyone may
/// claim on an account's behalf (the platform sponsors the gas); the CPT always goes to the account.
/// Payouts come from what the contract holds, funded epoch by epoch, and never exceed it: a claim
/// beyond the balance reverts. No running total is stored (it would cost every claim a write); the
/// `Claimed` events add up to it.
contract RewardsDistributor is AccessControl {
    using SafeERC20 for IERC20;

    bytes32 public constant PUBLISHER_ROLE = keccak256("PUBLISHER_ROLE");
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    IERC20 public immutable token;
    uint64 public immutable rootDelay;

    bytes32 public root;
    uint64 public epoch;
    bytes32 public pendingRoot;
    uint64 public pendingEpoch;
    uint64 public pendingClaimableAt;
    mapping(address account => uint256) public claimed;

    event RootProposed(uint64 indexed epoch, bytes32 root, uint64 claimableAt);
    event RootRevoked(uint64 indexed epoch, bytes32 root);
    event RootAccepted(uint64 indexed epoch, bytes32 root);
    event Claimed(address indexed account, uint256 amount, uint256 cumulative);
    event ClaimSkipped(address indexed account, uint256 cumulative);

    error EpochNotNewer(uint64 epoch, uint64 latest);
    error RootPending(uint64 epoch);
    error NoPendingRoot();
    error RootNotYetClaimable(uint64 claimableAt);
    error InvalidProof(address account, uint256 cumulative);
    error ClaimsShape();

    constructor(IERC20 token_, uint64 rootDelay_, address admin, address publisher, address guardian) {
        token = token_;
        rootDelay = rootDelay_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PUBLISHER_ROLE, publisher);
        _grantRole(GUARDIAN_ROLE, guardian);
    }

    /// @notice Proposes the tree of `epoch_`, newer than any accepted or pending one. Proposing the same
    /// root for the pending epoch again changes nothing, so a publisher that retries is harmless.
    function proposeRoot(uint64 epoch_, bytes32 root_) external onlyRole(PUBLISHER_ROLE) {
        if (pendingRoot != bytes32(0)) {
            if (pendingEpoch == epoch_ && pendingRoot == root_) return;
            revert RootPending(pendingEpoch);
        }
        if (epoch_ <= epoch) revert EpochNotNewer(epoch_, epoch);
        uint64 claimableAt = uint64(block.timestamp) + rootDelay;
        pendingRoot = root_;
        pendingEpoch = epoch_;
        pendingClaimableAt = claimableAt;
        emit RootProposed(epoch_, root_, claimableAt);
    }

    /// @notice The guardian's veto of a pending root: the publisher proposes that epoch again, corrected.
    function revokeRoot() external onlyRole(GUARDIAN_ROLE) {
        bytes32 revoked = pendingRoot;
        if (revoked == bytes32(0)) revert NoPendingRoot();
        emit RootRevoked(pendingEpoch, revoked);
        delete pendingRoot;
        delete pendingEpoch;
        delete pendingClaimableAt;
    }

    /// @notice Makes the pending root the claimable one once its delay has passed; anyone may call it.
    function acceptRoot() external {
        if (pendingRoot == bytes32(0)) revert NoPendingRoot();
        if (block.timestamp < pendingClaimableAt) revert RootNotYetClaimable(pendingClaimableAt);
        root = pendingRoot;
        epoch = pendingEpoch;
        emit RootAccepted(pendingEpoch, pendingRoot);
        delete pendingRoot;
        delete pendingEpoch;
        delete pendingClaimableAt;
    }

    /// @notice Pays `account` what its leaf holds beyond what it already claimed; nothing when that is nothing.
    function claim(address account, uint256 cumulative, bytes32[] calldata proof) external returns (uint256 paid) {
        if (!_proves(account, cumulative, proof)) revert InvalidProof(account, cumulative);
        return _pay(account, cumulative);
    }

    /// @notice Several accounts' claims in one transaction. A claim whose proof fails is skipped (and
    /// reported), never blocking the others; a distributor short of funds still reverts the batch.
    function claimMany(address[] calldata accounts, uint256[] calldata cumulatives, bytes32[][] calldata proofs)
        external
        returns (uint256 paid)
    {
        if (accounts.length != cumulatives.length || accounts.length != proofs.length) revert ClaimsShape();
        for (uint256 i = 0; i < accounts.length; i++) {
            if (_proves(accounts[i], cumulatives[i], proofs[i])) {
                paid += _pay(accounts[i], cumulatives[i]);
            } else {
                emit ClaimSkipped(accounts[i], cumulatives[i]);
            }
        }
    }

    function _proves(address account, uint256 cumulative, bytes32[] calldata proof) private view returns (bool) {
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, cumulative))));
        return MerkleProof.verifyCalldata(proof, root, leaf);
    }

    function _pay(address account, uint256 cumulative) private returns (uint256 paid) {
        uint256 already = claimed[account];
        if (cumulative <= already) return 0;
        paid = cumulative - already;
        claimed[account] = cumulative;
        emit Claimed(account, paid, cumulative);
        // Reverts when the contract holds less than it owes: it never pays out more than it was funded with.
        token.safeTransfer(account, paid);
    }
}
