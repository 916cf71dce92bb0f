/* eslint-disable no-bitwise */ // address arithmetic is bit arithmetic
/**
 * IPv4 CIDR arithmetic: parsing, overlap checks and subnet carving.
 * Pure and deterministic, so network layouts are computed at synth time and
 * can be checked before anything is planned.
 */
export interface ParsedCidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  /** Prefix length, 0-32. */
  readonly prefix: number;
}

/** Returns why `cidr` is not a canonical IPv4 CIDR block, or undefined when it is one. */
export function cidrProblem(cidr: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return 'it is not of the form a.b.c.d/n';
  const octets = m.slice(1, 5).map(Number);
  if (octets.some(o => o > 255)) return 'an octet is greater than 255';
  const prefix = Number(m[5]);
  if (prefix > 32) return `prefix /${prefix} is greater than /32`;
  const address = toInt(octets);
  const network = prefix === 0 ? 0 : (address & maskOf(prefix)) >>> 0;
  if (network !== address) {
    return `host bits are set (the network address is ${formatCidr({ network, prefix })})`;
  }
  return undefined;
}

/** Parses a canonical CIDR block; throws with the reason when it is not one. */
export function parseCidr(cidr: string): ParsedCidr {
  const problem = cidrProblem(cidr);
  if (problem) throw new Error(`'${cidr}' is not a valid IPv4 CIDR block: ${problem}`);
  const [addr, prefix] = cidr.split('/');
  return { network: toInt(addr.split('.').map(Number)), prefix: Number(prefix) };
}

/** Formats a parsed block as a.b.c.d/n. */
export function formatCidr(c: ParsedCidr): string {
  const n = c.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${c.prefix}`;
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  const prefix = Math.min(x.prefix, y.prefix);
  const mask = maskOf(prefix);
  return ((x.network & mask) >>> 0) === ((y.network & mask) >>> 0);
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return i.prefix >= o.prefix && ((i.network & maskOf(o.prefix)) >>> 0) === o.network;
}

/** Returns the first pair of overlapping blocks in `cidrs`, or undefined. */
export function findOverlap(cidrs: string[]): [string, string] | undefined {
  for (let i = 0; i < cidrs.length; i++) {
    for (let j = i + 1; j < cidrs.length; j++) {
      if (cidrsOverlap(cidrs[i], cidrs[j])) return [cidrs[i], cidrs[j]];
    }
  }
  return undefined;
}

/**
 * The `index`-th subnet of `cidr` with `newBits` more prefix bits (like Terraform's `cidrsubnet`).
 */
export function subnetOf(cidr: string, newBits: number, index: number): string {
  const base = parseCidr(cidr);
  const prefix = base.prefix + newBits;
  if (prefix > 32) throw new Error(`cannot carve /${prefix} subnets out of ${cidr}`);
  if (index < 0 || index >= 2 ** newBits) throw new Error(`${cidr} has only ${2 ** newBits} /${prefix} subnets (asked for #${index})`);
  const size = 2 ** (32 - prefix);
  return formatCidr({ network: (base.network + index * size) >>> 0, prefix });
}

/**
 * Splits a VPC block into `count` private subnets and `count` smaller public subnets.
 *
 * Private subnets take the first `count` blocks of the smallest power-of-two split
 * that leaves the last block free; that last block is split again for the public subnets.
 */
export function splitVpc(vpcCidr: string, count: number): { privateSubnets: string[]; publicSubnets: string[] } {
  const zoneBits = Math.ceil(Math.log2(Math.max(count, 1)));
  const privateBits = zoneBits + 1;
  const privateSubnets = Array.from({ length: count }, (_, i) => subnetOf(vpcCidr, privateBits, i));
  const reserve = subnetOf(vpcCidr, privateBits, 2 ** privateBits - 1);
  const publicSubnets = Array.from({ length: count }, (_, i) => subnetOf(reserve, zoneBits, i));
  return { privateSubnets, publicSubnets };
}

function toInt(octets: number[]): number {
  return (((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3]) >>> 0;
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}
