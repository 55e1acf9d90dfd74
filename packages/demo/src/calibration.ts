/**
 * Calibration facts of the demo dataset. Sources: the plan's 2025 targets (plan pack); National Bureau of
 * Statistics practice of reporting January–February together (Spring Festival); the early-2020 shutdown.
 * Everything else is synthetic and labelled so (docs/data/demo-dataset.md).
 */

/** Relative output per calendar month (average 1): low around the Spring Festival, high in December. */
export const MONTH_SEASONALITY = [0.82, 0.68, 1.0, 0.99, 1.01, 1.05, 0.98, 0.97, 1.03, 1.02, 1.11, 1.34];

/** Extra factor for the first months of 2020 (the shutdown): output fell sharply in February. */
export const SHOCK_2020: Record<string, number> = {
  '2020-01': 0.93,
  '2020-02': 0.62,
  '2020-03': 0.88,
  '2020-04': 0.97,
};

/** Where each chain stands in 2025 against its target: annual 2025 output ÷ target (some exceed, some fall short). */
export const COMPLETION_2025: Record<string, number> = {
  'digital-security': 1.06,
  'integrated-circuits': 1.12,
  'network-communication': 0.91,
  'intelligent-computing': 1.18,
  biomedicine: 0.87,
  'petrochemical-new-materials': 0.96,
  'new-energy-vehicles': 1.09,
  'intelligent-equipment': 1.03,
  'smart-home': 0.94,
  'modern-textile': 0.9,
};

/** Compound annual growth 2019→2025 of each chain (faster for emerging chains). */
export const GROWTH_2019_2025: Record<string, number> = {
  'digital-security': 0.11,
  'integrated-circuits': 0.16,
  'network-communication': 0.1,
  'intelligent-computing': 0.19,
  biomedicine: 0.1,
  'petrochemical-new-materials': 0.09,
  'new-energy-vehicles': 0.15,
  'intelligent-equipment': 0.09,
  'smart-home': 0.07,
  'modern-textile': 0.04,
};

/** Share of the province's total industrial output held by the ten chains, 2019 and 2025 (plan: ≥ 68%). */
export const TEN_CHAIN_SHARE = { 2019: 0.58, 2025: 0.665 };

/** Growth after 2025 (2026 months), a little slower than before. */
export const GROWTH_AFTER_2025 = 0.06;
