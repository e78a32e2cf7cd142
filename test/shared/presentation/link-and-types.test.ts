import { describe, expect, it } from 'vitest';
import { subscribesTo } from '../../../src/shared/presentation/event-types.ts';
import { isHttpUrl, safeLink } from '../../../src/shared/presentation/link.ts';

describe('isHttpUrl', () => {
  it('takes absolute http and https URLs only', () => {
    expect(isHttpUrl('https://example.com/a')).toBe(true);
    expect(isHttpUrl('HTTP://example.com')).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      '/relative',
      '',
      'ftp://x',
    ]) {
      expect(isHttpUrl(bad), bad).toBe(false);
    }
  });

  it('links from event data are trimmed and normalized, anything else is null', () => {
    expect(safeLink(' https://例子.测试/路径 ')).toBe('https://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84');
    expect(safeLink(42)).toBeNull();
    expect(safeLink('javascript:alert(1)')).toBeNull();
  });
});

describe('subscribesTo', () => {
  it('an empty list takes message only, * takes all, a list takes what it names', () => {
    expect(subscribesTo([], 'message')).toBe(true);
    expect(subscribesTo([], 'alert')).toBe(false);
    expect(subscribesTo(['*'], 'alert')).toBe(true);
    expect(subscribesTo(['info', 'critical'], 'critical')).toBe(true);
    expect(subscribesTo(['info'], 'message')).toBe(false);
  });
});
