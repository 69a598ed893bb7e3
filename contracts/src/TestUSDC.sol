// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @title Test USDC, for local chains only
/// @notice Six decimals and EIP-2612 permit like Circle's USDC, with an owner-only mint for
///         faucets, and a blacklist and a pause that behave like USDC's (every transfer stops,
///         mints and burns too), so tests can show what a blocked address or a paused token does
///         (and does not) break. Never deploy it to a public network.
contract TestUSDC is ERC20, ERC20Permit, Ownable, Pausable {
    mapping(address account => bool) public isBlacklisted;

    error Blacklisted(address account);

    event BlacklistChanged(address indexed account, bool blacklisted);

    constructor(address owner_) ERC20("Test USDC", "USDC") ERC20Permit("Test USDC") Ownable(owner_) {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    function setBlacklisted(address account, bool blacklisted) external onlyOwner {
        isBlacklisted[account] = blacklisted;
        emit BlacklistChanged(account, blacklisted);
    }

    function pause() external onlyOwner {
        _pause();
    }

    function unpause() external onlyOwner {
        _unpause();
    }

    function _update(address from, address to, uint256 value) internal override whenNotPaused {
        if (isBlacklisted[from]) revert Blacklisted(from);
        if (isBlacklisted[to]) revert Blacklisted(to);
        super._update(from, to, value);
    }
}
