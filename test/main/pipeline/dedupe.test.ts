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

describe('Deduper with numbered ids', () => {
  it('remembers the last window of increasing numeric ids exactly', () => {
    const dedupe = new Deduper(100);
    for (let id = 1; id <= 1000; id++) expect(dedupe.admit('a', String(id))).toBe(true);
    for (let id = 901; id <= 1000; id++) expect(dedupe.admit('a', String(id))).toBe(false);
    expect(dedupe.admit('a', '1001')).toBe(true);
  });

  it('never mistakes a new id for a repeat when numbers collide in the table', () => {
    const dedupe = new Deduper(10);
    expect(dedupe.admit('a', '3')).toBe(true);
    expect(dedupe.admit('a', '13')).toBe(true); // same slot, different id: admitted, not confused
    expect(dedupe.admit('a', '13')).toBe(false);
  });

  it('treats ids that only look numeric as distinct strings', () => {
    const dedupe = new Deduper();
    expect(dedupe.admit('a', '7')).toBe(true);
    for (const lookalike of ['07', '7.0', '7e0', ' 7', '+7']) expect(dedupe.admit('a', lookalike)).toBe(true);
    expect(dedupe.admit('a', '07')).toBe(false);
    expect(dedupe.admit('a', '1234567890123456789')).toBe(true);
    expect(dedupe.admit('a', '1234567890123456789')).toBe(false);
  });
});
