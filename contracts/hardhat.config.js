// Only the node is used: contracts are compiled by scripts/compile.js (solc-js, offline).
module.exports = {
  networks: {
    hardhat: {
      chainId: 31337,
      hardfork: "cancun",
      mining: { auto: true, interval: 0 },
      // Many transactions a second each get their own block: without this each block adds a second to
      // the chain's clock, which then runs hours ahead of the wall clock and expires permits signed now.
      allowBlocksWithSameTimestamp: true,
    },
  },
};
