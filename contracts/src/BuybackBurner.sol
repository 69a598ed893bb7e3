// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";

/// @title Buyback-and-burn
/// @notice The fees' buyback part accrues here in USDC. Governance (the admin, a timelock) hands USDC
/// to whatever buys CPT with it; the CPT that arrives here can only be burnt, by anyone.
contract BuybackBurner is AccessControl {
    using SafeERC20 for IERC20;

    IERC20 public immutable usdc;
    ERC20Burnable public immutable cpt;
    uint256 public burnt;

    event Burnt(uint256 amount, uint256 total);
    event HandedForBuyback(address indexed to, uint256 amount);

    constructor(IERC20 usdc_, ERC20Burnable cpt_, address admin) {
        usdc = usdc_;
        cpt = cpt_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Burns every CPT this contract holds.
    function burn() external returns (uint256 amount) {
        amount = cpt.balanceOf(address(this));
        if (amount == 0) return 0;
        burnt += amount;
        emit Burnt(amount, burnt);
        cpt.burn(amount);
    }

    /// @notice USDC for buying CPT back, to the buyer governance chose.
    function handForBuyback(address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit HandedForBuyback(to, amount);
        usdc.safeTransfer(to, amount);
    }
}
