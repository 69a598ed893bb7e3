// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title CPT, the platform's token
/// @notice A fixed supply of 100,000,000 CPT (18 decimals), minted once, in the constructor, to the
/// allocation's holders (vesting wallets, the rewards reserve, treasuries). There is no minter and no
/// owner: nothing can add supply afterwards. Holders can burn (the buyback-and-burn does), sign
/// EIP-2612 permits, and delegate votes; checkpoints count in timestamps, as the vote-escrow and a
/// Governor with the escrow's timelock do.
contract CyberPlazaToken is ERC20, ERC20Burnable, ERC20Permit, ERC20Votes {
    uint256 public constant SUPPLY = 100_000_000 * 1e18;

    error AllocationMismatch(uint256 allocated);
    error AllocationShape();

    constructor(address[] memory holders, uint256[] memory amounts)
        ERC20("CyberPlaza Token", "CPT")
        ERC20Permit("CyberPlaza Token")
    {
        if (holders.length == 0 || holders.length != amounts.length) revert AllocationShape();
        uint256 allocated;
        for (uint256 i = 0; i < holders.length; i++) {
            _mint(holders[i], amounts[i]);
            allocated += amounts[i];
        }
        if (allocated != SUPPLY) revert AllocationMismatch(allocated);
    }

    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
