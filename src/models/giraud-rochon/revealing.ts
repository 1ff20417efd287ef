/**
 * Giraud & Rochon (2001), Lemma 1 (Appendix 6.2): fully revealing prices. With quasi-linear
 * utilities the Walrasian prices at state t are p*(t) = (λ(t), 1), λ the marginal utilities of the
 * efficient allocation (economy.ts); the lemma says that generically t ↦ p*(t) is one-to-one. Here:
 * the price map, its separation min_{t≠t'} max_h |λ_h(t) − λ_h(t')| (0 exactly when two states share
 * their prices), and the non-generic exception of an agent whose two types have the same v.
 */
import { efficientAllocation, profiles, type Economy } from './economy.ts';
import { Fraction } from '../../numeric/rational.ts';

/** λ(t) for every state t, in profiles(types) order (Lemma 1's price selection p*(t) = (λ(t), 1)). */
export function priceMap(e: Economy): Fraction[][] {
  return profiles(e.types).map((t) => efficientAllocation(e, t).lambda);
}

/**
 * The separation of the price map (Lemma 1, "injective selections"): the smallest, over pairs of
 * distinct states, of the largest price difference, and the closest pair (state indices).
 */
export function separation(e: Economy, prices: readonly (readonly Fraction[])[] = priceMap(e)): { gap: Fraction; pair: [number, number] } {
  let gap: Fraction | null = null;
  let pair: [number, number] = [0, 0];
  for (let s = 0; s < prices.length; s++) {
    for (let r = s + 1; r < prices.length; r++) {
      const d = prices[s].reduce((m, v, h) => {
        const x = v.sub(prices[r][h]).abs();
        return x.compare(m) > 0 ? x : m;
      }, new Fraction(0));
      if (gap === null || d.compare(gap) < 0) {
        gap = d;
        pair = [s, r];
      }
    }
  }
  return { gap: gap ?? new Fraction(0), pair };
}

/** Agents with two types of identical v (same a and b for every good): Lemma 1's non-generic exception. */
export function identicalTypes(e: Economy): number[] {
  const out: number[] = [];
  for (let i = 0; i < e.N; i++) {
    const same = (s: number, r: number) => e.a[i][s].every((v, h) => v.equals(e.a[i][r][h]) && e.b[i][s][h].equals(e.b[i][r][h]));
    let found = false;
    for (let s = 0; s < e.types[i] && !found; s++) for (let r = s + 1; r < e.types[i] && !found; r++) found = same(s, r);
    if (found) out.push(i);
  }
  return out;
}

/**
 * Pairs of agents whose types carry the same list of utilities (a and b for every good, as sets):
 * swapping their types leaves every state's prices unchanged, so the price map is not injective
 * unless both have a single distinct type — another non-generic exception (a symmetric economy).
 */
export function exchangeableAgents(e: Economy): [number, number][] {
  const key = (i: number) =>
    Array.from({ length: e.types[i] }, (_, s) => e.a[i][s].map((v, h) => `${v.toFraction()}:${e.b[i][s][h].toFraction()}`).join(','))
      .sort()
      .join('|');
  const distinct = (i: number) => new Set(key(i).split('|')).size > 1;
  const out: [number, number][] = [];
  for (let i = 0; i < e.N; i++) for (let j = i + 1; j < e.N; j++) if (distinct(i) && key(i) === key(j)) out.push([i, j]);
  return out;
}
