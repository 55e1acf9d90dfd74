import type { ThemeConfig } from 'antd';

/**
 * antd's theme, with the colours text is drawn in raised to WCAG 2.1 AA contrast (4.5:1 on white and on
 * antd's light greys; docs/accessibility.md). antd's defaults fail it in many places: secondary text,
 * statistic titles and form hints at 45% black (3.4:1), links and hovered buttons in #1677ff/#4096ff
 * (4.1:1 and 3.2:1), form errors in #ff4d4f (3.2:1), warnings in #faad14 (1.9:1), green and orange tags
 * (3.4:1 and 3.3:1).
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8', // 6.7:1 with white, either way round
    // Not 45% black: 60% is #666, 5.7:1 on white, 5.1:1 on the login page's #f0f2f5.
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    // Placeholders are text a reader must read too (#707070, 4.9:1); disabled controls are exempt.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorLink: '#1d4ed8',
    colorLinkHover: '#1e40af',
    colorLinkActive: '#1e3a8a',
    // A hovered or focused default button writes its text in this colour (the lighter default was 3.2:1).
    colorPrimaryHover: '#1e40af',
    colorPrimaryActive: '#1e3a8a',
    // The ring a focused input, select or date picker draws around itself: antd's 10% blue was all but
    // invisible, leaving a 1-px border's change of colour to show where the keyboard is (WCAG 2.4.7).
    controlOutline: 'rgba(29, 78, 216, 0.4)',
    controlOutlineWidth: 2,
    colorError: '#cf1322', // 5.6:1
    colorWarning: '#874d00', // 6.8:1; the alerts' light backgrounds are derived from it
    colorSuccess: '#237804', // 5.6:1
    // Text of green and orange tags (each preset tag writes in its colour's 7th shade on its 1st). Both
    // spellings: antd keeps the palette under each, and its CSS variable takes the hyphenated one.
    green7: '#237804', // 5.4:1 on #f6ffed
    'green-7': '#237804',
    orange7: '#ad4e00', // 5.1:1 on #fff7e6
    'orange-7': '#ad4e00',
  },
};
