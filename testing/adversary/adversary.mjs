// An adversarial payer against the local stack, written with ethers and the public HTTP API only:
// none of the platform's own client code. It plays the three cheap moves that used to break the
// escrow's promise and checks, on chain and through the API, that each ends with the order settled
// or closed and the buyer whole, while an ordinary order beside them is unaffected.
//
//   CYBERPLAZA_API=http://127.0.0.1:8080 CYBERPLAZA_RPC=http://127.0.0.1:8545 node adversary.mjs
//
// Prints one JSON line; exits 1 naming the first check that failed.
import { ethers } from "ethers";
import { apiClient, check, CheckFailed, required, sleep } from "../api-client/api.mjs";

const API = required("CYBERPLAZA_API");
const RPC = required("CYBERPLAZA_RPC");
const USDC = 1_000_000n;
const { expect2xx, awaitOrder } = apiClient(API);
// ComputeEscrow.Status, in the contract's order.
const STATUS = ["None", "Funded", "Held", "Disputed", "Frozen", "Resolved", "Closed", "Reclaimed"];

const provider = new ethers.JsonRpcProvider(RPC, undefined, { staticNetwork: true, batchMaxCount: 1 });
provider.pollingInterval = 200;

const ESCROW_ABI = [
  "function deposit(address owner, bytes32 ref, uint256 amount)",
  "function reclaim(bytes32 ref)",
  "function reclaimDelay() view returns (uint32)",
  "function refundOf(address owner) view returns (uint256)",
  "function withdrawRefund()",
  "function orderOf(address owner, bytes32 ref) view returns (tuple(uint56 amount, uint32 deadline, uint8 status, address provider))",
];
const TOKEN_ABI = [
  "function approve(address spender, uint256 amount) returns (bool)",
  "function balanceOf(address account) view returns (uint256)",
];

/** A new wallet with gas and USDC from the local faucet, signed in with EIP-4361. */
async function participant(microUsdc) {
  const wallet = ethers.Wallet.createRandom().connect(provider);
  const address = wallet.address.toLowerCase();
  await expect2xx("POST", "/local/faucet", null, { address, amount: Number(microUsdc) });
  const { message } = await expect2xx("POST", "/auth/nonce", null, { address });
  const { token } = await expect2xx("POST", "/auth/login", null, { message, signature: await wallet.signMessage(message) });
  // Nonces counted here: right after a receipt the node's pending count can still be the old one.
  return { wallet, signer: new ethers.NonceManager(wallet), address, token };
}

async function placeOrder(buyer, seconds, holdSeconds) {
  const quote = await expect2xx("POST", "/quotes", buyer.token, {
    offerId: "local-cpu", units: 1, seconds, template: "hold", parameters: { seconds: String(holdSeconds) },
  });
  return expect2xx("POST", "/orders", buyer.token, { quoteId: quote.quoteId });
}

function contracts(order, signer) {
  return {
    escrow: new ethers.Contract(order.escrow.contract, ESCROW_ABI, signer),
    token: new ethers.Contract(order.escrow.token, TOKEN_ABI, signer),
  };
}

/** approve + deposit(owner, ref, amount) from {@code payer}, into {@code owner}'s order. */
async function deposit(payer, order, owner, amount) {
  const { escrow, token } = contracts(order, payer.signer);
  await (await token.approve(order.escrow.contract, amount)).wait();
  await (await escrow.deposit(owner, order.escrow.orderId, amount)).wait();
}

async function balanceOf(order, address) {
  return contracts(order, provider).token.balanceOf(address);
}

async function onChain(order, owner) {
  const o = await contracts(order, provider).escrow.orderOf(owner, order.escrow.orderId);
  return { amount: o.amount, status: STATUS[Number(o.status)] };
}

/** The buyer paid payout + fee and nothing else: every other micro-USDC came back, and the escrow owes it nothing more. */
async function settledWhole(name, buyer, order, startBalance, paidByOthers = 0n) {
  const settled = await awaitOrder(buyer.token, order.orderId, ["SETTLED"]);
  const split = settled.settlement;
  const payout = BigInt(split.providerPayout);
  const fee = BigInt(split.fee);
  const refund = BigInt(split.refund);
  check(BigInt(split.deposit) === payout + fee + refund, `${name}: the recorded split does not add up: ${JSON.stringify(split)}`);
  const held = await onChain(order, buyer.address);
  check(held.status === "Held" && held.amount === payout, `${name}: the escrow holds ${held.amount} (${held.status}) for the order, not the payout ${payout}`);
  // Refunds are pulled by their owner; each buyer here has one order, so all it is owed is this one.
  const { escrow } = contracts(order, buyer.signer);
  const owed = await escrow.refundOf(buyer.address);
  check(owed === refund, `${name}: the escrow owes the owner ${owed}, not the refund ${refund}`);
  if (owed > 0n) await (await escrow.withdrawRefund()).wait();
  const balance = await balanceOf(order, buyer.address);
  const expected = startBalance + paidByOthers - payout - fee;
  check(balance === expected, `${name}: the buyer holds ${balance}, not ${expected}`);
  return { orderId: order.orderId, state: settled.state, deposit: split.deposit, payout: split.providerPayout, fee: split.fee,
    refund: split.refund, escrowStatus: held.status };
}

/** Someone who saw the buyer's order id deposits dust under it first, for themselves and for the buyer. */
async function squattedOrder(attacker) {
  const buyer = await participant(20n * USDC);
  const order = await placeOrder(buyer, 120, 5);
  const start = await balanceOf(order, buyer.address);
  await deposit(attacker, order, attacker.address, 1n);
  await deposit(attacker, order, buyer.address, 1n);
  const squatter = await onChain(order, attacker.address);
  check(squatter.status === "Funded" && squatter.amount === 1n, "the squatter's deposit did not open an order of its own");
  await sleep(3_000);
  const waiting = await expect2xx("GET", `/orders/${order.orderId}`, buyer.token);
  check(waiting.state === "QUOTED", `dust moved the buyer's order to ${waiting.state}`);

  await deposit(buyer, order, buyer.address, BigInt(order.escrow.amount));
  await awaitOrder(buyer.token, order.orderId, ["RUNNING", "COMPLETED", "SETTLING", "SETTLED"]);
  const result = await settledWhole("squatted", buyer, order, start, 1n);
  check(BigInt(result.refund) >= 1n, "the stranger's dust was not refunded to the owner");
  return { ...result, squatterOrder: { owner: attacker.address, amount: squatter.amount.toString(), ignoredByPlatform: true } };
}

/** The payer tops up the order the moment its split is being fixed. */
async function topUpAfterTheSplit() {
  const buyer = await participant(20n * USDC);
  const order = await placeOrder(buyer, 600, 600);
  const start = await balanceOf(order, buyer.address);
  const { escrow, token } = contracts(order, buyer.signer);
  await (await token.approve(order.escrow.contract, BigInt(order.escrow.amount) + 2n)).wait();
  await (await escrow.deposit(buyer.address, order.escrow.orderId, BigInt(order.escrow.amount))).wait();
  await awaitOrder(buyer.token, order.orderId, ["RUNNING"]);
  await (await escrow.deposit(buyer.address, order.escrow.orderId, 1n)).wait();
  await sleep(2_000);
  await expect2xx("POST", `/orders/${order.orderId}/complete`, buyer.token);
  let lateTopUp = "landed";
  try {
    await (await escrow.deposit(buyer.address, order.escrow.orderId, 1n)).wait();
  } catch (e) {
    // Already settled: the escrow refuses money for a closed order, so nothing is lost either way.
    // The refused call took a nonce from the manager without using it.
    buyer.signer.reset();
    lateTopUp = "refused";
  }
  const result = await settledWhole("top-up after the split", buyer, order, start);
  return { ...result, lateTopUp };
}

/** The owner reclaims on chain while the compute still runs (the chain's clock moved past the reclaim delay). */
async function reclaimWhileRunning() {
  const buyer = await participant(20n * USDC);
  const order = await placeOrder(buyer, 1_800, 1_800);
  const start = await balanceOf(order, buyer.address);
  await deposit(buyer, order, buyer.address, BigInt(order.escrow.amount));
  const running = await awaitOrder(buyer.token, order.orderId, ["RUNNING"]);
  const { escrow } = contracts(order, buyer.signer);
  const delay = Number(await escrow.reclaimDelay());
  await provider.send("evm_increaseTime", [delay + 1]);
  await provider.send("evm_mine", []);
  await (await escrow.reclaim(order.escrow.orderId)).wait();

  const closed = await awaitOrder(buyer.token, order.orderId, ["RECLAIMED"]);
  const left = await onChain(order, buyer.address);
  check(left.status === "Reclaimed" && left.amount === 0n, `the escrow still holds ${left.amount} (${left.status}) for the reclaimed order`);
  const balance = await balanceOf(order, buyer.address);
  check(balance === start, `the owner holds ${balance} after the reclaim, not the ${start} it started with`);
  return { orderId: order.orderId, state: closed.state, ranBeforeReclaim: running.state === "RUNNING", escrowStatus: left.status,
    endReason: closed.usage?.endReason ?? null };
}

async function main() {
  const attacker = await participant(5n * USDC);
  // An ordinary order runs beside the attacks and must settle as if nothing happened.
  const bystander = await participant(20n * USDC);
  const bystanderOrder = await placeOrder(bystander, 600, 600);
  const bystanderStart = await balanceOf(bystanderOrder, bystander.address);
  await deposit(bystander, bystanderOrder, bystander.address, BigInt(bystanderOrder.escrow.amount));
  await awaitOrder(bystander.token, bystanderOrder.orderId, ["RUNNING"]);

  const squatted = await squattedOrder(attacker);
  const topUp = await topUpAfterTheSplit();

  await expect2xx("POST", `/orders/${bystanderOrder.orderId}/complete`, bystander.token);
  const unaffected = await settledWhole("bystander", bystander, bystanderOrder, bystanderStart);

  // Last: it moves the chain's clock a month ahead.
  const reclaimed = await reclaimWhileRunning();
  console.log(JSON.stringify({ squatted, topUpAfterTheSplit: topUp, reclaimWhileRunning: reclaimed, bystander: unaffected, passed: true },
    (key, value) => (typeof value === "bigint" ? value.toString() : value)));
}

main().then(() => process.exit(0), (e) => {
  console.log(JSON.stringify({ passed: false, failed: e instanceof CheckFailed ? e.message : String(e?.stack ?? e) }));
  process.exit(1);
});
