import { DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import {
  contrast,
  cssVariablesResolver,
  DARK_BACKGROUNDS,
  DIMMED,
  LIGHT_BACKGROUNDS,
  readablePalette,
  theme,
  WHITE,
} from './theme.ts';

const AA = 4.5;

describe('theme colours meet WCAG AA contrast for text', () => {
  it('computes the WCAG ratio (black on white 21:1; Mantine teal 6 on white 2.55:1 as axe-core reported)', () => {
    expect(contrast('#000000', WHITE)).toBeCloseTo(21, 5);
    expect(contrast(DEFAULT_THEME.colors.teal[6], WHITE)).toBeCloseTo(2.55, 2);
  });

  it('Mantine teal fails as it is, and the readable palette passes', () => {
    expect(contrast(DEFAULT_THEME.colors.teal[8], WHITE)).toBeLessThan(AA);
    const teal = readablePalette(DEFAULT_THEME.colors.teal);
    expect(contrast(teal[8], WHITE)).toBeGreaterThanOrEqual(AA);
    expect(contrast(teal[9], teal[1])).toBeGreaterThanOrEqual(AA);
  });

  it('every colour: text and filled (shade 8) on white, light variant (9 on 1), dark-scheme text (4)', () => {
    expect(theme.primaryShade).toEqual({ light: 8, dark: 8 });
    const colors = { ...DEFAULT_THEME.colors, ...theme.colors };
    for (const [name, s] of Object.entries(colors) as [string, MantineColorsTuple][]) {
      if (name === 'dark') continue;
      expect(contrast(s[8], WHITE), `${name} 8 on white`).toBeGreaterThanOrEqual(AA);
      expect(contrast(s[9], s[1]), `${name} 9 on 1`).toBeGreaterThanOrEqual(AA);
      for (const bg of DARK_BACKGROUNDS) {
        expect(contrast(s[4], bg), `${name} 4 on ${bg}`).toBeGreaterThanOrEqual(AA);
      }
    }
  });

  it('dimmed text and placeholders read on the light and dark backgrounds', () => {
    for (const bg of LIGHT_BACKGROUNDS) expect(contrast(DIMMED.light, bg)).toBeGreaterThanOrEqual(AA);
    for (const bg of DARK_BACKGROUNDS) expect(contrast(DIMMED.dark, bg)).toBeGreaterThanOrEqual(AA);
    // Mantine's own would not.
    expect(contrast(DEFAULT_THEME.colors.gray[6], WHITE)).toBeLessThan(AA);
    expect(contrast(DEFAULT_THEME.colors.dark[2], DEFAULT_THEME.colors.dark[7])).toBeLessThan(AA);
    const vars = cssVariablesResolver(theme as never);
    expect(vars.light).toEqual({
      '--mantine-color-dimmed': DIMMED.light,
      '--mantine-color-placeholder': DIMMED.light,
    });
    expect(vars.dark).toEqual({
      '--mantine-color-dimmed': DIMMED.dark,
      '--mantine-color-placeholder': DIMMED.dark,
    });
  });
});
