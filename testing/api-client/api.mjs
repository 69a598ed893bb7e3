// What every client written outside the platform's code needs of its public API, with no dependency of its
// own: the environment it is pointed at, checks that name what failed, JSON over HTTP, and waiting for an
// order's state. The clients (testing/adversary, testing/safe-wallet) bring ethers for the chain.

export class CheckFailed extends Error {}

export function check(condition, what) {
  if (!condition) throw new CheckFailed(what);
}

export function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} must be set`);
    process.exit(2);
  }
  return value;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The API at {@code api}: calls answered as {status, body}, or checked to be 2xx, and orders waited for. */
export function apiClient(api, stepTimeoutMs = Number(process.env.CYBERPLAZA_STEP_TIMEOUT_MS ?? 120_000)) {
  async function http(method, path, token, body) {
    const headers = { "Content-Type": "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(path.startsWith("http") ? path : api + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  async function expect2xx(method, path, token, body) {
    const reply = await http(method, path, token, body);
    check(reply.status >= 200 && reply.status < 300, `${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  /** The order once it is in one of {@code states}, read as its owner (token) would. */
  async function awaitOrder(token, orderId, states) {
    const deadline = Date.now() + stepTimeoutMs;
    let last;
    while (Date.now() < deadline) {
      last = await expect2xx("GET", `/orders/${orderId}`, token);
      if (states.includes(last.state)) return last;
      await sleep(300);
    }
    throw new CheckFailed(`order ${orderId} is ${last?.state}, not ${states.join(" or ")}, after ${stepTimeoutMs} ms`);
  }

  return { http, expect2xx, awaitOrder };
}
