/**
 * Certificates as data (issue #10): a certified case carries what re-checks it — a kind, and the
 * data that kind's `verify` needs — so `replay` can re-verify a saved case from its file alone,
 * beside re-running the property. A kind is registered once with its verifier; a certificate of
 * a kind nobody registered does not verify (it says so).
 */
import Fraction from 'fraction.js';
import type { Certificate, CertificateCheck, Json } from './types.ts';
import { verifyFarkasData } from '../numeric/lp.ts';

export type { CertificateCheck };

/** Re-checks a certificate's data; throws or returns a reason (string) when it does not hold, undefined when it does. */
export type CertificateVerifier = (data: Json) => string | undefined;

const VERIFIERS = new Map<string, CertificateVerifier>();

/** Register the verifier of a kind (once: a kind names one check for good). */
export function registerCertificateKind(kind: string, verify: CertificateVerifier): void {
  if (VERIFIERS.has(kind)) throw new Error(`certificate kind ${kind} is registered twice`);
  VERIFIERS.set(kind, verify);
}

/** The kinds that can be verified. */
export function certificateKinds(): string[] {
  return [...VERIFIERS.keys()];
}

/** Re-verify a certificate from its data alone. */
export function verifyCertificate(c: Certificate): CertificateCheck {
  const verify = VERIFIERS.get(c.kind);
  if (!verify) return { kind: c.kind, verified: false, why: `no verifier is registered for certificates of kind ${JSON.stringify(c.kind)}` };
  let why: string | undefined;
  try {
    why = verify(c.data);
  } catch (e) {
    why = `its data does not verify: ${(e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ')}`;
  }
  return why === undefined ? { kind: c.kind, verified: true } : { kind: c.kind, verified: false, why };
}

/** A relation between a certified value and its threshold. */
export type Relation = '<' | '<=' | '>' | '>=';

const holds = (cmp: number, rel: Relation) => (rel === '<' ? cmp < 0 : rel === '<=' ? cmp <= 0 : rel === '>' ? cmp > 0 : cmp >= 0);
const RELATIONS: readonly string[] = ['<', '<=', '>', '>='];

/** The data of a `second-method` certificate: another route's value, and the relation to a threshold that makes the case. */
export interface SecondMethodData {
  route: string;
  /** What the value is (`drop of β* from n to n + 1`). */
  quantity: string;
  value: number;
  relation: Relation;
  threshold: number;
  [k: string]: Json;
}

/** A `second-method` certificate: route and numbers; verified by re-checking value relation threshold. */
export function secondMethod(d: SecondMethodData): Certificate {
  return { kind: 'second-method', data: d };
}

/** A field of a certificate's data, or a throw naming it. */
function field<T>(data: Json, name: string, ok: (v: unknown) => boolean, what: string): T {
  const v = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, Json>)[name] : undefined;
  if (!ok(v)) throw new Error(`data.${name}: must be ${what}`);
  return v as T;
}

registerCertificateKind('second-method', (data) => {
  field<string>(data, 'route', (v) => typeof v === 'string' && v.length > 0, 'the route, a non-empty string');
  const value = field<number>(data, 'value', Number.isFinite, 'a finite number');
  const threshold = field<number>(data, 'threshold', Number.isFinite, 'a finite number');
  const rel = field<Relation>(data, 'relation', (v) => RELATIONS.includes(v as string), `one of ${RELATIONS.join(' ')}`);
  return holds(value - threshold, rel) ? undefined : `the second method's value ${value} is not ${rel} ${threshold}`;
});

/** The data of an `exact-rational` certificate: two rationals (as "p/q" or decimal strings) and the relation between them that makes the case. */
export interface ExactRationalData {
  lhs: string;
  relation: Relation;
  rhs: string;
  [k: string]: Json;
}

/** An `exact-rational` certificate: verified by comparing the two rationals exactly (fraction.js, BigInt). */
export function exactRational(d: ExactRationalData): Certificate {
  return { kind: 'exact-rational', data: d };
}

registerCertificateKind('exact-rational', (data) => {
  const lhs = new Fraction(field<string>(data, 'lhs', (v) => typeof v === 'string', 'a rational as a string'));
  const rhs = new Fraction(field<string>(data, 'rhs', (v) => typeof v === 'string', 'a rational as a string'));
  const rel = field<Relation>(data, 'relation', (v) => RELATIONS.includes(v as string), `one of ${RELATIONS.join(' ')}`);
  return holds(lhs.compare(rhs), rel) ? undefined : `${lhs.toFraction()} is not ${rel} ${rhs.toFraction()} (exactly)`;
});

/**
 * An `lp-farkas` certificate: a linear program (rational data) and a vector y whose combination of
 * its rows and bounds is exactly contradictory (src/numeric/lp.ts, `farkasData`): verified by
 * recomputing that combination in BigInt rationals from the saved data alone.
 */
registerCertificateKind('lp-farkas', (data) => verifyFarkasData(data));
