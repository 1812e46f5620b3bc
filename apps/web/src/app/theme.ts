import {
  type CSSVariablesResolver,
  colorsTuple,
  createTheme,
  DEFAULT_THEME,
  darken,
  lighten,
  localStorageColorSchemeManager,
  luminance,
  type MantineColorsTuple,
  TableScrollContainer,
} from '@mantine/core';

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi = 0, lo = 0] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG 2.2 AA asks 4.5:1 for text; a little above it so rounding in a browser never tips a colour under. */
export const TEXT_CONTRAST = 4.6;
export const WHITE = '#ffffff';
/** The dark scheme's page (dark-7), card (dark-6) and table-header or input (dark-5) backgrounds. */
export const DARK_BACKGROUNDS = [
  DEFAULT_THEME.colors.dark[7],
  DEFAULT_THEME.colors.dark[6],
  DEFAULT_THEME.colors.dark[5],
];
/** The light scheme's page and card backgrounds (white, gray-0, gray-1). */
export const LIGHT_BACKGROUNDS = [WHITE, DEFAULT_THEME.colors.gray[0], DEFAULT_THEME.colors.gray[1]];

/**
 * The shades Mantine draws text with, made readable. With `primaryShade: 8` shade 8 is a colour's text,
 * link and filled background (under white text) in both schemes; shade 9 is the text of the light
 * variant (badges, light buttons) on shade 1 in the light scheme; shade 4 is text in the dark scheme.
 * Mantine's own teal, green, cyan, orange, yellow and lime fail there (teal 6 on white is 2.55:1); each
 * shade that fails is darkened (or, shade 4, lightened) step by step until it passes.
 */
export function readablePalette(colors: MantineColorsTuple): MantineColorsTuple {
  const s: string[] = [...colors];
  const at = (i: number) => s[i] ?? WHITE;
  while (contrast(at(8), WHITE) < TEXT_CONTRAST) s[8] = darken(at(8), 0.04);
  while (contrast(at(9), at(1)) < TEXT_CONTRAST || luminance(at(9)) >= luminance(at(8))) {
    s[9] = darken(at(9), 0.04);
  }
  while (DARK_BACKGROUNDS.some((bg) => contrast(at(4), bg) < TEXT_CONTRAST)) s[4] = lighten(at(4), 0.04);
  return colorsTuple(s);
}

const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors)
    .filter(([name]) => name !== 'dark' && name !== 'gray')
    .map(([name, palette]) => [name, readablePalette(palette)]),
);

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 8, dark: 8 },
  colors,
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Native horizontal scrolling: no reserved scrollbar gap under short tables. A table wider than
    // a phone scrolls inside it: keyboard users reach it (tabIndex), and it contains its absolutely
    // placed bits (visually hidden labels), which would otherwise widen the page.
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { type: 'native', tabIndex: 0 },
      styles: { scrollContainer: { position: 'relative' } },
    }),
  },
});

/**
 * Dimmed text (secondary lines, captions, table headers) and placeholders: Mantine's gray-6 on white
 * is 3.3:1 and dark-2 on the dark page 4.0:1, its placeholders 2.1:1 and 2.5:1; these read at AA on
 * every background the app puts them on (LIGHT_BACKGROUNDS, DARK_BACKGROUNDS).
 */
export const DIMMED = { light: '#5c636a', dark: '#b0b0b0' };

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': DIMMED.light, '--mantine-color-placeholder': DIMMED.light },
  dark: { '--mantine-color-dimmed': DIMMED.dark, '--mantine-color-placeholder': DIMMED.dark },
});

export const colorSchemeManager = localStorageColorSchemeManager({ key: 'evergreen.color-scheme' });
