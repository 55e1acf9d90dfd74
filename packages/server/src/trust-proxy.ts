/**
 * What `CHAINBRAIN_TRUST_PROXY` tells Fastify about the proxies in front of the server, so that
 * `request.ip` (rate limits, sign-in backoff, the audit log) is the client's address:
 * - unset, empty or "0": no proxy; the address of the connection is the client's;
 * - a whole number n: trust the n proxies nearest the server and take the address they saw;
 * - addresses or CIDR ranges, comma-separated: trust exactly those proxies.
 * Trusting every proxy (Fastify's `true`) is not offered: then the client writes X-Forwarded-For itself
 * and picks its own address, with a fresh rate-limit bucket on every request.
 */
export function trustProxySetting(
  value: string | undefined,
): false | string[] | ((address: string, hop: number) => boolean) {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    // Hop 0 is the connection's peer; the nearest `hops` addresses are proxies.
    return (_address, hop) => hop < hops;
  }
  const entries = text.split(',').map((e) => e.trim());
  if (entries.every((e) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(e) && /[.:]/.test(e))) return entries;
  throw new Error(
    `CHAINBRAIN_TRUST_PROXY=${value}: give a number of proxy hops or their addresses (CIDR), comma-separated / ` +
      `CHAINBRAIN_TRUST_PROXY=${value}：请给出代理的跳数，或以逗号分隔的代理地址（CIDR）`,
  );
}
