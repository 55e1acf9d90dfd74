/**
 * WCAG 2.x contrast: relative luminance of an sRGB colour and the ratio between two (1 to 21). Colours are
 * '#rgb', '#rrggbb' or 'rgb(a)(r, g, b[, a])', as CSS and ECharts write them; alpha is ignored (the colours
 * we compare are opaque).
 */
export function relativeLuminance(color: string): number {
  const [r, g, b] = parseRgb(color).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * Black or white text, whichever reads better on `background`. Pure black, not antd's near-black: with
 * #1f1f1f some middle colours reached only 4.1:1 either way; with black the worst is 4.58:1.
 */
export const DARK_TEXT = '#000000';
export const LIGHT_TEXT = '#ffffff';
export function readableTextOn(background: string): string {
  return contrastRatio(DARK_TEXT, background) >= contrastRatio(LIGHT_TEXT, background)
    ? DARK_TEXT
    : LIGHT_TEXT;
}

function parseRgb(color: string): [number, number, number] {
  const value = color.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(value);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`not an sRGB colour: ${color}`);
}
