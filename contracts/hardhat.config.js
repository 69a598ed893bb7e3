// Only the node is used: contracts are compiled by scripts/compile.js (solc-js, offline).
module.exports = {
  networks: {
    hardhat: {
      chainId: 31337,
      hardfork: "cancun",
      mining: { auto: true, interval: 0 },
    },
  },
};
