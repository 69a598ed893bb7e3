// A Safe (1.5.0, the contracts Safe publishes) buying compute on the local stack, written with ethers and
// the public HTTP API only: none of the platform's own client code. A test key owns a 1-of-1 Safe; the
// Safe signs in with EIP-1271, a Safe that is not deployed yet signs in with ERC-6492, a stranger's
// signature is refused, and the Safe orders, pays with the calls the order lists (batched through
// MultiSendCallOnly in one Safe transaction), and gets its refund back: all checked on chain.
//
//   CYBERPLAZA_API=http://127.0.0.1:8080 CYBERPLAZA_RPC=http://127.0.0.1:8545 node safe-wallet.mjs
//
// The local chain starts empty, so the script deploys Safe's singleton, proxy factory, fallback handler
// and MultiSendCallOnly from the package's own build artifacts, as every public chain already has them.
// Prints one JSON line; exits 1 naming the first check that failed.
import { ethers } from "ethers";
import { readFileSync } from "node:fs";
import { apiClient, check, CheckFailed, required } from "../api-client/api.mjs";

const API = required("CYBERPLAZA_API");
const RPC = required("CYBERPLAZA_RPC");
const USDC = 1_000_000n;
const { http, expect2xx, awaitOrder } = apiClient(API);
const ERC6492_SUFFIX = "6492649264926492649264926492649264926492649264926492649264926492";
const CALL = 0;
const DELEGATE_CALL = 1;

const provider = new ethers.JsonRpcProvider(RPC, undefined, { staticNetwork: true, batchMaxCount: 1 });
provider.pollingInterval = 200;

const ESCROW_ABI = [
  "function refundOf(address owner) view returns (uint256)",
  "function withdrawRefund()",
  "function orderOf(address owner, bytes32 ref) view returns (tuple(uint56 amount, uint32 deadline, uint8 status, address provider))",
];
const TOKEN_ABI = ["function balanceOf(address account) view returns (uint256)"];

function artifact(path) {
  const url = new URL(`./node_modules/@safe-global/safe-smart-account/build/artifacts/contracts/${path}`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8"));
}

async function deploy(signer, path) {
  const { abi, bytecode } = artifact(path);
  const contract = await new ethers.ContractFactory(abi, bytecode, signer).deploy();
  await contract.waitForDeployment();
  return contract;
}

/** Safe's contracts, deployed once: what a public chain already has at Safe's published addresses. */
async function safeContracts(deployer) {
  return {
    singleton: await deploy(deployer, "Safe.sol/Safe.json"),
    factory: await deploy(deployer, "proxies/SafeProxyFactory.sol/SafeProxyFactory.json"),
    fallbackHandler: await deploy(deployer, "handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json"),
    multiSend: await deploy(deployer, "libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json"),
  };
}

/** The factory call that makes the 1-of-1 Safe of {@code owner} with {@code salt}, and where it lands. */
async function safeCreation(safe, owner, salt) {
  const singleton = await safe.singleton.getAddress();
  const setup = safe.singleton.interface.encodeFunctionData("setup", [
    [owner.address], 1, ethers.ZeroAddress, "0x", await safe.fallbackHandler.getAddress(), ethers.ZeroAddress, 0, ethers.ZeroAddress,
  ]);
  const data = safe.factory.interface.encodeFunctionData("createProxyWithNonce", [singleton, setup, salt]);
  const address = await safe.factory.createProxyWithNonce.staticCall(singleton, setup, salt);
  return { factory: await safe.factory.getAddress(), data, address: address.toLowerCase() };
}

/** The owner's EIP-1271 signature for the Safe: the SafeMessage of the digest in the Safe's domain, signed raw. */
async function safeSignature(owner, safeAddress, digest) {
  const { chainId } = await provider.getNetwork();
  const hash = ethers.TypedDataEncoder.hash({ chainId, verifyingContract: safeAddress },
    { SafeMessage: [{ name: "message", type: "bytes" }] }, { message: digest });
  return owner.signingKey.sign(hash).serialized;
}

/** ERC-6492: the factory, its call and the signature, abi-encoded, then the marker. */
function wrapped(creation, signature) {
  return ethers.AbiCoder.defaultAbiCoder().encode(["address", "bytes", "bytes"], [creation.factory, creation.data, signature]) + ERC6492_SUFFIX;
}

/** Sign-In with Ethereum for an account whose signature {@code sign} makes from the message's EIP-191 digest. */
async function signIn(address, sign) {
  const { message } = await expect2xx("POST", "/auth/nonce", null, { address });
  return http("POST", "/auth/login", null, { message, signature: await sign(ethers.hashMessage(message)) });
}

/** One Safe transaction signed by its only owner and sent by the owner (who pays the gas). */
async function execute(safeAccount, owner, to, data, operation) {
  const nonce = await safeAccount.nonce();
  const hash = await safeAccount.getTransactionHash(to, 0, data, operation, 0, 0, 0, ethers.ZeroAddress, ethers.ZeroAddress, nonce);
  const signature = owner.signingKey.sign(hash).serialized;
  const sent = await safeAccount.execTransaction(to, 0, data, operation, 0, 0, 0, ethers.ZeroAddress, ethers.ZeroAddress, signature);
  return sent.wait();
}

/** MultiSendCallOnly's packed batch: operation, to, value, data length, data, for each call. */
function batch(multiSend, calls) {
  const packed = ethers.concat(calls.map((call) => ethers.solidityPacked(["uint8", "address", "uint256", "uint256", "bytes"],
    [CALL, call.to, BigInt(call.value), ethers.dataLength(call.data), call.data])));
  return multiSend.interface.encodeFunctionData("multiSend", [packed]);
}

async function main() {
  const owner = ethers.Wallet.createRandom().connect(provider);
  await expect2xx("POST", "/local/faucet", null, { address: owner.address, amount: 1 });
  const signer = new ethers.NonceManager(owner);
  const safe = await safeContracts(signer);

  const creation = await safeCreation(safe, owner, 1n);
  await (await signer.sendTransaction({ to: creation.factory, data: creation.data })).wait();
  const safeAddress = creation.address;
  check((await provider.getCode(safeAddress)) !== "0x", "the Safe was not created");
  const safeAccount = new ethers.Contract(safeAddress, artifact("Safe.sol/Safe.json").abi, signer);
  await expect2xx("POST", "/local/faucet", null, { address: safeAddress, amount: Number(20n * USDC) });

  // A stranger's key cannot sign for the Safe, and its refusal does not spend anything of the owner's.
  const stranger = ethers.Wallet.createRandom();
  const forged = await signIn(safeAddress, (digest) => safeSignature(stranger, safeAddress, digest));
  check(forged.status === 401, `a stranger's signature for the Safe answered ${forged.status}: ${JSON.stringify(forged.body)}`);

  const login = await signIn(safeAddress, (digest) => safeSignature(owner, safeAddress, digest));
  check(login.status === 200, `the Safe's sign-in answered ${login.status}: ${JSON.stringify(login.body)}`);
  check(login.body.address === safeAddress, `signed in as ${login.body.address}, not the Safe ${safeAddress}`);
  const token = login.body.token;

  // A Safe that exists only as an address yet: ERC-6492 carries the factory call that would make it.
  const future = await safeCreation(safe, owner, 2n);
  const counterfactual = await signIn(future.address,
    async (digest) => wrapped(future, await safeSignature(owner, future.address, digest)));
  check(counterfactual.status === 200, `the undeployed Safe's sign-in answered ${counterfactual.status}: ${JSON.stringify(counterfactual.body)}`);
  check(counterfactual.body.address === future.address, "the undeployed Safe signed in as another address");
  const stillUndeployed = (await provider.getCode(future.address)) === "0x";
  check(stillUndeployed, "checking the undeployed Safe's signature deployed it");

  const quote = await expect2xx("POST", "/quotes", token, {
    offerId: "local-cpu", units: 1, seconds: 120, template: "hold", parameters: { seconds: "5" },
  });
  const order = await expect2xx("POST", "/orders", token, { quoteId: quote.quoteId });
  check(order.escrow.owner === safeAddress, `the order belongs to ${order.escrow.owner}, not the Safe`);
  const calls = order.escrow.calls ?? [];
  check(calls.length === 2, `the order lists ${calls.length} calls to pay, not approve and deposit`);

  const token20 = new ethers.Contract(order.escrow.token, TOKEN_ABI, provider);
  const escrow = new ethers.Contract(order.escrow.contract, ESCROW_ABI, provider);
  const before = await token20.balanceOf(safeAddress);
  const payment = await execute(safeAccount, owner, await safe.multiSend.getAddress(), batch(safe.multiSend, calls), DELEGATE_CALL);
  const funded = await escrow.orderOf(safeAddress, order.escrow.orderId);
  check(funded.amount === BigInt(order.escrow.amount), `the escrow holds ${funded.amount} for the Safe's order, not ${order.escrow.amount}`);

  await awaitOrder(token, order.orderId, ["RUNNING", "COMPLETED", "SETTLING", "SETTLED"]);
  const settled = await awaitOrder(token, order.orderId, ["SETTLED"]);
  const split = settled.settlement;
  const payout = BigInt(split.providerPayout);
  const fee = BigInt(split.fee);
  const refund = BigInt(split.refund);
  check(BigInt(split.deposit) === payout + fee + refund, `the split does not add up: ${JSON.stringify(split)}`);
  const owed = await escrow.refundOf(safeAddress);
  check(owed === refund, `the escrow owes the Safe ${owed}, not the refund ${refund}`);
  if (owed > 0n) await execute(safeAccount, owner, order.escrow.contract, escrow.interface.encodeFunctionData("withdrawRefund"), CALL);
  const after = await token20.balanceOf(safeAddress);
  check(after === before - payout - fee, `the Safe holds ${after}, not ${before - payout - fee}`);

  console.log(JSON.stringify({
    passed: true,
    safe: safeAddress,
    owner: owner.address.toLowerCase(),
    forgedSignInStatus: forged.status,
    counterfactual: { address: future.address, signedIn: true, deployed: !stillUndeployed },
    order: { orderId: order.orderId, state: settled.state, paidInOneSafeTransaction: payment.hash, deposit: split.deposit,
      payout: split.providerPayout, fee: split.fee, refund: split.refund },
    balance: { before: before.toString(), after: after.toString() },
  }));
}

main().then(() => process.exit(0), (error) => {
  console.error(error instanceof CheckFailed ? `check failed: ${error.message}` : error);
  console.log(JSON.stringify({ passed: false, failure: String(error.message ?? error) }));
  process.exit(1);
});
