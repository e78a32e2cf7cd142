import { describe, expect, it } from 'vitest';
import { Deduper } from '../../../src/main/pipeline/dedupe.ts';

describe('Deduper', () => {
  it('admits an id once per feed', () => {
    const dedupe = new Deduper();
    expect(dedupe.admit('a', '1')).toBe(true);
    expect(dedupe.admit('a', '1')).toBe(false);
    expect(dedupe.admit('b', '1')).toBe(true);
  });

  it('always admits events without an id', () => {
    const dedupe = new Deduper();
    expect(dedupe.admit('a', '')).toBe(true);
    expect(dedupe.admit('a', '')).toBe(true);
  });

  it('forgets the oldest ids beyond its window, so memory stays bounded', () => {
    const dedupe = new Deduper(3);
    for (const id of ['1', '2', '3', '4']) dedupe.admit('a', id);
    expect(dedupe.admit('a', '4')).toBe(false);
    expect(dedupe.admit('a', '2')).toBe(false);
    expect(dedupe.admit('a', '1')).toBe(true);
  });

  it('recognises ids remembered from history after a restart', () => {
    const dedupe = new Deduper();
    dedupe.remember('a', ['7', '8']);
    expect(dedupe.admit('a', '8')).toBe(false);
    expect(dedupe.admit('a', '9')).toBe(true);
  });

  it('forgets a removed feed entirely', () => {
    const dedupe = new Deduper();
    dedupe.admit('a', '1');
    dedupe.forget('a');
    expect(dedupe.admit('a', '1')).toBe(true);
  });
});
