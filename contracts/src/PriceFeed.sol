// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title PriceFeed
/// @notice One compute price (e.g. micro-USD per vCPU-hour in a region class) as the platform's pricing
///         oracle publishes it, read through Chainlink's AggregatorV3Interface: `latestRoundData`,
///         `getRoundData`, `decimals`, `description`, `version`. Contracts that already read Chainlink
///         feeds read this one unchanged.
/// @dev The oracle job decides when to publish (a move of more than 5 % or a 24 h heartbeat); the
///      contract only keeps rounds monotone in time and answers positive.
contract PriceFeed is AccessControl {
    bytes32 public constant UPDATER_ROLE = keccak256("UPDATER_ROLE");

    struct Round {
        int256 answer;
        uint64 startedAt;
        uint64 updatedAt;
    }

    uint8 private immutable _decimals;
    string private _description;
    uint80 private _latestRound;
    mapping(uint80 roundId => Round) private _rounds;

    /// @dev Chainlink's own events, so indexers that follow its feeds follow this one.
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);

    error NoDataPresent();
    error AnswerNotPositive(int256 answer);
    error ObservationNotNewer(uint64 observedAt, uint64 latestObservedAt);
    error ObservationInTheFuture(uint64 observedAt);

    constructor(uint8 decimals_, string memory description_, address admin, address updater) {
        _decimals = decimals_;
        _description = description_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(UPDATER_ROLE, updater);
    }

    /// @param answer     the price in units of 10^-decimals
    /// @param observedAt when the oracle observed it (the round's startedAt)
    function update(int256 answer, uint64 observedAt) external onlyRole(UPDATER_ROLE) {
        if (answer <= 0) revert AnswerNotPositive(answer);
        if (observedAt > block.timestamp) revert ObservationInTheFuture(observedAt);
        uint80 latest = _latestRound;
        if (latest != 0 && observedAt <= _rounds[latest].startedAt) {
            revert ObservationNotNewer(observedAt, _rounds[latest].startedAt);
        }
        uint80 roundId = latest + 1;
        _rounds[roundId] = Round(answer, observedAt, uint64(block.timestamp));
        _latestRound = roundId;
        emit NewRound(roundId, msg.sender, observedAt);
        emit AnswerUpdated(answer, roundId, block.timestamp);
    }

    /// @notice The latest round's id; 0 before the first update (where `latestRoundData` reverts).
    function latestRound() external view returns (uint80) {
        return _latestRound;
    }

    function decimals() external view returns (uint8) {
        return _decimals;
    }

    function description() external view returns (string memory) {
        return _description;
    }

    function version() external pure returns (uint256) {
        return 1;
    }

    function getRoundData(uint80 roundId)
        public
        view
        returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        Round memory round = _rounds[roundId];
        if (round.updatedAt == 0) revert NoDataPresent();
        return (roundId, round.answer, round.startedAt, round.updatedAt, roundId);
    }

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        if (_latestRound == 0) revert NoDataPresent();
        return getRoundData(_latestRound);
    }
}
