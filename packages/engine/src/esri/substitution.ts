/**
 * Substitution within a market (shared/specs/esri.md): a damaged supplier passes on only the part of
 * its damage that the rest of its market cannot replace. Here, apart from the cascade, because the
 * dense row jobs (dense-rows.ts) compute the same damage on every thread.
 */

/** Availability at or below this counts as "nothing left to substitute" (σ = 1). */
export const AVAIL_FLOOR = 1e-10;

/** σ(j) = min(1, s_out(j) / avail(market(j))), or 1 when nothing is left to substitute. */
export function substitutionFactor(avail: number, sOutJ: number): number {
  if (avail <= AVAIL_FLOOR) return 1;
  const s = sOutJ / avail;
  return Math.min(s, 1);
}

/** dmg(j) = σ(j) · (1 − hd(j)): what a supplier's damage passes on (before Λd). */
export function supplierDamage(hdJ: number, subst: boolean, avail: number, sOutJ: number): number {
  if (hdJ >= 1) return 0;
  return (subst ? substitutionFactor(avail, sOutJ) : 1) * (1 - hdJ);
}
