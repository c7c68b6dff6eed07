// The attacker of bench/attack.ts, in its own process so that its load never slows the bench's other callers:
// POSTS concurrent POSTs of CALLS listVpnPbrRoutes calls each, as JSON-RPC batches; when the server refuses them
// (400 or 429), the same POSTS × CALLS calls one per POST, over CONNECTIONS connections at once (what an attacker
// tries next). Prints one JSON line of what each phase got.
// Usage: node attack-client.mjs URL TOKEN GATEWAY POSTS CALLS CONNECTIONS
const [url, token, gateway, posts, calls, connections] = process.argv.slice(2);
const POSTS = Number(posts);
const CALLS = Number(calls);
const CONNECTIONS = Number(connections);
const headers = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  authorization: `Bearer ${token}`,
};
const call = (id) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'listVpnPbrRoutes', arguments: { vpnGatewayId: gateway } } });

let statuses = {};
let answers = {};
const count = (counts, key) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** One POST; counts its HTTP status (`error`: no answer; `… cut off`: the answer broke off) and the JSON-RPC answers in its body. */
async function post(body) {
  let response;
  let text;
  try {
    response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch {
    count(statuses, 'error');
    return 0;
  }
  try {
    text = await response.text();
    count(statuses, String(response.status));
  } catch {
    count(statuses, `${response.status} cut off`);
    return response.status;
  }
  if (response.status === 200) {
    for (const line of text.split('\n')) {
      if (!line.startsWith('data: ')) continue;
      for (const m of [JSON.parse(line.slice(6))].flat()) count(answers, m.error ? 'rpcError' : m.result?.isError ? `isError ${m.result.structuredContent?.error?.code}` : 'ok');
    }
  }
  return response.status;
}

async function phase(mode, run) {
  statuses = {};
  answers = {};
  const started = performance.now();
  const result = await run();
  phases.push({ mode, statuses, answers, seconds: (performance.now() - started) / 1000 });
  return result;
}

const phases = [];
const batchStatuses = await phase(`${POSTS} batches of ${CALLS}`, () =>
  Promise.all(Array.from({ length: POSTS }, (_, p) => post(Array.from({ length: CALLS }, (_, i) => call(p * CALLS + i))))),
);
if (batchStatuses.some((status) => status === 400 || status === 429)) {
  let next = 0;
  await phase(`${POSTS * CALLS} single calls over ${CONNECTIONS} connections`, () =>
    Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < POSTS * CALLS) await post(call(next++));
      }),
    ),
  );
}
process.stdout.write(`${JSON.stringify({ phases })}\n`);
