// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readPageTheme, themeOfColour } from '../../utils/page/page-theme';

describe('page theme', () => {
  it('reads computed background colours', () => {
    expect(themeOfColour('rgb(22, 24, 35)')).toBe('dark'); // Douyin's dark background
    expect(themeOfColour('rgb(255, 255, 255)')).toBe('light');
    expect(themeOfColour('rgb(244, 245, 247)')).toBe('light');
    expect(themeOfColour('rgb(100, 100, 100)')).toBe('dark');
    expect(themeOfColour('rgb(140, 140, 140)')).toBe('light');
    expect(themeOfColour('rgba(0, 0, 0, 0)')).toBeNull(); // transparent: look further
    expect(themeOfColour('rgba(0, 0, 0, 0.2)')).toBeNull();
    expect(themeOfColour('rgba(10, 10, 10, 0.9)')).toBe('dark');
    // Computed styles give rgb()/rgba() with numbers; anything else is unknown, never a guess.
    expect(themeOfColour('rgb(10 10 10 / 90%)')).toBeNull();
    expect(themeOfColour('black')).toBeNull();
    expect(themeOfColour('')).toBeNull();
  });
});

describe('readPageTheme', () => {
  const view = (colours: Map<Element, string>) => ({
    getComputedStyle: (el: Element) => ({ backgroundColor: colours.get(el) ?? 'rgba(0, 0, 0, 0)' }) as CSSStyleDeclaration,
  });

  it('takes the body, then the root element, else light', () => {
    const colours = new Map<Element, string>();
    expect(readPageTheme(document, view(colours))).toBe('light');
    colours.set(document.documentElement, 'rgb(22, 24, 35)');
    expect(readPageTheme(document, view(colours))).toBe('dark');
    colours.set(document.body, 'rgb(255, 255, 255)');
    expect(readPageTheme(document, view(colours))).toBe('light');
  });
});
