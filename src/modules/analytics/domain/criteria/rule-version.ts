/**
 * Version ids for rule sets and cohort definitions: a content hash of the canonical JSON of the rules,
 * so the same rules always get the same id (wherever and whenever they are saved) and any change to a
 * rule, even one threshold, gets a new one. Labels and effective dates are not part of the hash: they
 * say when rules are used, not what they are.
 *
 * Canonical JSON: object keys sorted by code unit, no whitespace, properties whose value is undefined
 * left out, array order kept (order matters: segments are first-match-wins). The hash is 64-bit
 * FNV-1a (Fowler, Noll, Vo; http://www.isthe.com/chongo/tech/comp/fnv/) over the UTF-8 bytes: not
 * cryptographic, and not meant to be; it names versions, it does not protect them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && Object.is(value, -0)) return '0';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const encoder = new TextEncoder();

/** 64-bit FNV-1a of the UTF-8 bytes of the text, as 16 lowercase hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV64_OFFSET;
  for (const byte of encoder.encode(text)) {
    hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * FNV64_PRIME);
  }
  return hash.toString(16).padStart(16, '0');
}

/** `<prefix>-<hash>` of the canonical JSON of the content, e.g. 'seg-3f1c…'. */
export function ruleVersionId(prefix: string, content: unknown): string {
  return `${prefix}-${fnv1a64(canonicalJson(content))}`;
}
