// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

interface IFeeDeposit {
    function depositFees(uint256 amount) external;
}

/// @title The weekly split of the platform's fees
/// @notice Once a week the platform's fees (USDC the fee treasury allowed this contract to take) are
/// split by the whitepaper's rule: veCPT holders (through the fee distributor), buyback-and-burn,
/// operations, team and foundation, emergency reserve. Governance (the admin, a timelock) sets the
/// rates and the destinations; the splitter key only says how much of the treasury's fees a week
/// holds, and the money can only go where governance said.
contract FeeSplitter is AccessControl {
    using SafeERC20 for IERC20;

    bytes32 public constant SPLITTER_ROLE = keccak256("SPLITTER_ROLE");
    uint16 public constant BPS = 10_000;

    struct Rates {
        uint16 holders;
        uint16 buyback;
        uint16 operations;
        uint16 teamAndFoundation;
        uint16 emergencyReserve;
    }

    struct Destinations {
        address holders;
        address buyback;
        address operations;
        address teamAndFoundation;
        address emergencyReserve;
    }

    IERC20 public immutable usdc;
    address public immutable treasury;
    Rates public rates;
    Destinations public destinations;
    mapping(uint64 week => bool) public weekSplit;

    event FeesSplit(uint64 indexed week, uint256 amount, uint256 holders, uint256 buyback, uint256 operations, uint256 teamAndFoundation,
        uint256 emergencyReserve);
    event RatesChanged(Rates rates);
    event DestinationsChanged(Destinations destinations);

    error RatesMustAddUp(uint256 total);
    error WeekAlreadySplit(uint64 week);
    error NoDestination();

    constructor(IERC20 usdc_, address treasury_, Rates memory rates_, Destinations memory destinations_, address admin, address splitter) {
        usdc = usdc_;
        treasury = treasury_;
        _setRates(rates_);
        _setDestinations(destinations_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(SPLITTER_ROLE, splitter);
    }

    /// @notice Splits `amount` of the treasury's fees as the week's; each week once.
    function split(uint64 week, uint256 amount) external onlyRole(SPLITTER_ROLE) {
        if (weekSplit[week]) revert WeekAlreadySplit(week);
        weekSplit[week] = true;
        Rates memory r = rates;
        uint256 holders = amount * r.holders / BPS;
        uint256 buyback = amount * r.buyback / BPS;
        uint256 team = amount * r.teamAndFoundation / BPS;
        uint256 reserve = amount * r.emergencyReserve / BPS;
        // The rounding's remainder goes to operations, so the parts add up to the amount exactly.
        uint256 operations = amount - holders - buyback - team - reserve;
        emit FeesSplit(week, amount, holders, buyback, operations, team, reserve);
        usdc.safeTransferFrom(treasury, address(this), amount);
        Destinations memory d = destinations;
        // Even a week with nothing for the holders deposits: the deposit checkpoints veCPT, so its history
        // never falls weeks behind (a lock after a long quiet would otherwise have to walk them first).
        usdc.forceApprove(d.holders, holders);
        IFeeDeposit(d.holders).depositFees(holders);
        usdc.safeTransfer(d.buyback, buyback);
        usdc.safeTransfer(d.operations, operations);
        usdc.safeTransfer(d.teamAndFoundation, team);
        usdc.safeTransfer(d.emergencyReserve, reserve);
    }

    function setRates(Rates calldata rates_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRates(rates_);
    }

    function setDestinations(Destinations calldata destinations_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setDestinations(destinations_);
    }

    function _setRates(Rates memory rates_) private {
        uint256 total = uint256(rates_.holders) + rates_.buyback + rates_.operations + rates_.teamAndFoundation + rates_.emergencyReserve;
        if (total != BPS) revert RatesMustAddUp(total);
        rates = rates_;
        emit RatesChanged(rates_);
    }

    function _setDestinations(Destinations memory d) private {
        if (d.holders == address(0) || d.buyback == address(0) || d.operations == address(0) || d.teamAndFoundation == address(0)
            || d.emergencyReserve == address(0)) revert NoDestination();
        destinations = d;
        emit DestinationsChanged(d);
    }
}
