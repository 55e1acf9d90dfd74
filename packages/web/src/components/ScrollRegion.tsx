import type { ReactNode } from 'react';

/**
 * A table wider than the screen scrolls sideways inside this region, which a keyboard user can focus and
 * scroll with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable). antd's own `scroll` gives a
 * scrolling box that cannot take focus.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled from the keyboard
    <section tabIndex={0} aria-label={label} style={{ overflowX: 'auto' }}>
      {children}
    </section>
  );
}
