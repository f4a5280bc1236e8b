/** Precision / recall / F1 from counts, summed over documents (micro average). */
export interface Counts {
  /** Predictions that matched something. */
  tpPred: number;
  /** All predictions. */
  pred: number;
  /** Gold items that were found. */
  tpGold: number;
  /** All gold items. */
  gold: number;
}

export function emptyCounts(): Counts {
  return { tpPred: 0, pred: 0, tpGold: 0, gold: 0 };
}

export function addCounts(into: Counts, c: Counts): Counts {
  into.tpPred += c.tpPred;
  into.pred += c.pred;
  into.tpGold += c.tpGold;
  into.gold += c.gold;
  return into;
}

/** One-to-one matching: `tp` pairs out of `pred` predictions and `gold` gold items. */
export function pairCounts(tp: number, pred: number, gold: number): Counts {
  return { tpPred: tp, pred, tpGold: tp, gold };
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** Empty predictions against empty gold score 1 (nothing to find, nothing invented). */
export function prf(c: Counts): Prf {
  const precision = c.pred === 0 ? (c.gold === 0 ? 1 : 0) : c.tpPred / c.pred;
  const recall = c.gold === 0 ? (c.pred === 0 ? 1 : 0) : c.tpGold / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * Greedy one-to-one matching: each gold item, in order, takes the unmatched prediction
 * with the highest score at or above `min`. Returns pairs [goldIndex, predIndex].
 */
export function matchOneToOne<G, P>(gold: readonly G[], pred: readonly P[], score: (g: G, p: P) => number, min: number): [number, number][] {
  const used = new Set<number>();
  const pairs: [number, number][] = [];
  gold.forEach((g, gi) => {
    let best = -1;
    let bestScore = -Infinity;
    pred.forEach((p, pi) => {
      if (used.has(pi)) return;
      const s = score(g, p);
      if (s >= min && s > bestScore) {
        best = pi;
        bestScore = s;
      }
    });
    if (best >= 0) {
      used.add(best);
      pairs.push([gi, best]);
    }
  });
  return pairs;
}
