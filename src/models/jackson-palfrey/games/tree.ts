/**
 * Jackson & Palfrey (1996), Section 3 ("Negotiation and Game Forms", "Individual Rationality",
 * "Equilibrium"): a bargaining mechanism γ_t is a finite extensive game form of perfect
 * information between a matched buyer and seller whose terminal nodes suggest "trade at p" or
 * "no trade"; Γ(γ_t) appends to each trade node the buyer's then the seller's signature (yes/no);
 * play is solved by backward induction given the reservation prices (p̄^s, p̄^b), with rule (ii):
 * an agent chooses an action leading to rematching only if it is strictly better than every
 * other action.
 *
 * Payoffs, relative to no trade (rematching, worth 0 to each): the seller gets p − p̄^s from trade
 * at p, the buyer p̄^b − p (Section 3, "Reservation Prices"). So:
 * - a trade-vs-no-trade tie (p = p̄^s for the seller, p = p̄^b for the buyer) goes to trade (rule
 *   (ii)); "=" here is the Order's tie tolerance (order.ts), the same as the checkers';
 * - two trades at different prices are never a tie for the mover (its payoff is strictly monotone
 *   in p): the seller takes the higher price, the buyer the lower, compared exactly (`cmp`);
 * - two trades at the same price, or two no-trades, are the same outcome; the first-listed action
 *   is kept, which changes nothing in the outcome.
 * Hence the outcome is a function of (p̄^s, p̄^b), as the lemma in the proof of Theorem 6 says.
 */
import type { Order } from './order.ts';

/** The two agents of a match. */
export type Player = 'buyer' | 'seller';

/** Children of a move: a list, or a thunk for large game forms built on demand (Section 7's). */
export type Children<T> = readonly GameNode<T>[] | (() => readonly GameNode<T>[]);

/** A node of a game form γ_t (Section 3). `sign` marks the signature moves of Γ(γ_t). */
export type GameNode<T> =
  | { readonly kind: 'trade'; readonly price: T }
  | { readonly kind: 'noTrade' }
  | { readonly kind: 'move'; readonly player: Player; readonly children: Children<T>; readonly sign?: boolean };

/** An outcome of play: trade at a price, or no trade. */
export type Outcome<T> = { readonly trade: true; readonly price: T } | { readonly trade: false };

export const NO_TRADE: Outcome<never> = { trade: false };

/** "Trade at p" (a terminal node of γ_t). */
export function trade<T>(price: T): GameNode<T> {
  return { kind: 'trade', price };
}

/** "No trade" (a terminal node of γ_t). */
export const noTrade: GameNode<never> = { kind: 'noTrade' };

/** A move of `player` among `children` (Section 3). */
export function move<T>(player: Player, children: Children<T>): GameNode<T> {
  return { kind: 'move', player, children };
}

function kids<T>(c: Children<T>): readonly GameNode<T>[] {
  return typeof c === 'function' ? c() : c;
}

/**
 * Γ(γ_t) (Section 3, "Individual Rationality"): each trade node becomes the buyer's yes/no, "yes"
 * leading to the seller's Yes/No, "Yes" to the trade, every "no" to no trade. Lazy children stay
 * lazy.
 */
export function augment<T>(node: GameNode<T>): GameNode<T> {
  if (node.kind === 'noTrade') return node;
  if (node.kind === 'trade') {
    const sellerSigns: GameNode<T> = { kind: 'move', player: 'seller', sign: true, children: [node, noTrade] };
    return { kind: 'move', player: 'buyer', sign: true, children: [sellerSigns, noTrade] };
  }
  const c = node.children;
  const children = typeof c === 'function' ? () => c().map(augment) : c.map(augment);
  return { ...node, children };
}

/**
 * Does `player`, with reservation price `res`, strictly prefer outcome x to y — or, for trade
 * against no trade, weakly (rule (ii))? See the module comment.
 */
export function prefers<T>(player: Player, res: T, x: Outcome<T>, y: Outcome<T>, order: Order<T>): boolean {
  if (!x.trade && !y.trade) return false;
  if (x.trade && y.trade) {
    const c = order.cmp(x.price, y.price);
    return player === 'seller' ? c > 0 : c < 0;
  }
  const p = x.trade ? x.price : (y as { price: T }).price;
  const tradeOk = player === 'seller' ? order.leq(res, p) : order.leq(p, res);
  return x.trade ? tradeOk : !tradeOk;
}

/**
 * The backward-induction outcome of `root` given reservation prices (p̄^s, p̄^b), with rule (ii)
 * (Section 3, "Equilibrium"; the lemma in the proof of Theorem 6). `root` is played as given: pass
 * `augment(γ)` for Γ(γ_t), or γ itself with `signatures: true` to apply the two signatures at each
 * trade node without building them (the same outcome: the buyer signs iff p ≤ p̄^b, the seller
 * iff p̄^s ≤ p, ties signed).
 */
export function solve<T>(root: GameNode<T>, sellerRes: T, buyerRes: T, order: Order<T>, opts: { signatures?: boolean } = {}): Outcome<T> {
  const signatures = opts.signatures ?? false;
  const go = (node: GameNode<T>): Outcome<T> => {
    if (node.kind === 'noTrade') return NO_TRADE;
    if (node.kind === 'trade') {
      if (signatures && !(order.leq(node.price, buyerRes) && order.leq(sellerRes, node.price))) return NO_TRADE;
      return { trade: true, price: node.price };
    }
    const res = node.player === 'seller' ? sellerRes : buyerRes;
    let best: Outcome<T> | undefined;
    for (const child of kids(node.children)) {
      const o = go(child);
      if (best === undefined || prefers(node.player, res, o, best, order)) best = o;
    }
    return best ?? NO_TRADE;
  };
  return go(root);
}

/**
 * p̂(p̄^s, p̄^b) of a mechanism (Theorem 6's proof: "the equilibrium price of Γ(γ_t) as a function
 * of (p̄^s, p̄^b)"): the backward-induction price, undefined where the outcome is no trade.
 */
export function priceMap<T>(gamma: GameNode<T>, order: Order<T>): (sellerRes: T, buyerRes: T) => T | undefined {
  return (q, r) => {
    const o = solve(gamma, q, r, order, { signatures: true });
    return o.trade ? o.price : undefined;
  };
}

/** P_t: the prices of the terminal trade nodes of γ_t, sorted, exact duplicates removed (Theorem 6's proof). */
export function terminalPrices<T>(gamma: GameNode<T>, order: Order<T>): T[] {
  const out: T[] = [];
  const walk = (n: GameNode<T>) => {
    if (n.kind === 'trade') out.push(n.price);
    else if (n.kind === 'move') for (const c of kids(n.children)) walk(c);
  };
  walk(gamma);
  out.sort((a, b) => order.cmp(a, b));
  return out.filter((p, k) => k === 0 || order.cmp(out[k - 1], p) !== 0);
}

/** The number of terminal nodes (trade and no trade) of a game form. */
export function leafCount<T>(gamma: GameNode<T>): number {
  if (gamma.kind !== 'move') return 1;
  let n = 0;
  for (const c of kids(gamma.children)) n += leafCount(c);
  return n;
}
