#!/usr/bin/env node
// Compiles contracts/src with solc-js (no network), writing build/<Contract>.abi, .bin and
// build/contracts.json. Skips the work when no source or compiler setting changed.
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const solc = require("solc");

const root = path.resolve(__dirname, "..");
const srcDir = path.join(root, "src");
const outDir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, "build");

const settings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: "cancun",
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
};

const sources = {};
for (const file of fs.readdirSync(srcDir).filter((f) => f.endsWith(".sol")).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(srcDir, file), "utf8") };
}

const fingerprint = crypto
  .createHash("sha256")
  .update(solc.version())
  .update(JSON.stringify(settings))
  .update(JSON.stringify(sources))
  .digest("hex");
const stampFile = path.join(outDir, ".fingerprint");
if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === fingerprint) {
  console.log(`contracts up to date in ${outDir}`);
  process.exit(0);
}

function findImports(importPath) {
  const candidates = [path.join(root, "node_modules", importPath), path.join(srcDir, importPath)];
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, "utf8") };
  }
  return { error: `import not found: ${importPath}` };
}

const output = JSON.parse(
  solc.compile(JSON.stringify({ language: "Solidity", sources, settings }), { import: findImports }),
);
const errors = (output.errors || []).filter((e) => e.severity === "error");
// Library warnings (OpenZeppelin's own notes) are not ours to act on.
const ownMessages = (output.errors || []).filter(
  (e) => e.severity === "error" || !(e.sourceLocation && e.sourceLocation.file.startsWith("@openzeppelin/")),
);
for (const message of ownMessages) console.error(message.formattedMessage);
if (errors.length > 0) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
const artifacts = {};
for (const file of Object.keys(sources)) {
  for (const [name, contract] of Object.entries(output.contracts[file])) {
    fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(contract.abi));
    fs.writeFileSync(path.join(outDir, `${name}.bin`), contract.evm.bytecode.object);
    artifacts[name] = {
      abi: contract.abi,
      bytecode: "0x" + contract.evm.bytecode.object,
      deployedBytecodeSize: contract.evm.deployedBytecode.object.length / 2,
    };
  }
}
fs.writeFileSync(
  path.join(outDir, "contracts.json"),
  JSON.stringify({ compiler: solc.version(), settings, contracts: artifacts }, null, 1),
);
fs.writeFileSync(stampFile, fingerprint);
console.log(`compiled ${Object.keys(artifacts).join(", ")} with solc ${solc.version()} into ${outDir}`);
