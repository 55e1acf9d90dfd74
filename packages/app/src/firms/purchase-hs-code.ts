/**
 * The HS code a purchase of an input node is compared under, against the restricted-origin list.
 *
 * Supply links (invoices, surveys) say who sold what node, not which customs code: the code comes from
 * the chain map, which gives each node the HS6 codes it trades under. A node of one code is bought under
 * it (pcm.photoresist: 370790). A node of several is bought under the part their codes share, cut to a
 * chapter or heading (pcm.wet-chemicals: 281111, 280700, 284700 share "28"), so that the engine calls an
 * entry for one of them unclear rather than guess which product was bought. A node without codes (EDA
 * software) is uncoded: a country-wide entry covers it, a product entry leaves it unclear.
 */
export function purchaseHsCode(hsCodes: readonly string[]): string {
  const codes = hsCodes.map((c) => c.replace(/\D/g, '')).filter((c) => c !== '');
  if (codes.length === 0) return '';
  let shared = codes[0]!;
  for (const c of codes.slice(1)) {
    let i = 0;
    while (i < shared.length && i < c.length && shared[i] === c[i]) i++;
    shared = shared.slice(0, i);
  }
  // HS codes split in pairs of digits (chapter, heading, subheading): an odd prefix names no code.
  return shared.slice(0, shared.length - (shared.length % 2));
}
