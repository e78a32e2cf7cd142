import { describe, expect, it } from 'vitest';
import { SerialCommits } from '../../../src/main/settings/serial-commits.ts';
import { fail, OK, type SettingsResult } from '../../../src/shared/settings.ts';

function append(item: number) {
  return (draft: number[]): SettingsResult<number[]> => ({ ok: true, value: [...draft, item] });
}

describe('SerialCommits', () => {
  it('saves a burst of changes in two groups, each save seeing every earlier change', async () => {
    const saved: number[][] = [];
    const commits = new SerialCommits<number[]>([], (state) => {
      saved.push(state);
      return Promise.resolve(OK);
    });
    await Promise.all(Array.from({ length: 200 }, (_, index) => commits.apply(append(index))));
    expect(saved).toHaveLength(2);
    expect(commits.state).toEqual(Array.from({ length: 200 }, (_, index) => index));
  });

  it('refuses one change without holding back the others saved with it', async () => {
    const commits = new SerialCommits<number[]>([], () => Promise.resolve(OK));
    const results = await Promise.all([
      commits.apply(append(1)),
      commits.apply(() => fail('invalid-feed', 'no')),
      commits.apply(append(2)),
    ]);
    expect(results.map((result) => result.ok)).toEqual([true, false, true]);
    expect(commits.state).toEqual([1, 2]);
  });

  it('changes nothing when the save fails, and gives each change the reason', async () => {
    const commits = new SerialCommits<number[]>([0], () =>
      Promise.resolve(fail('write-failed', 'disk full')),
    );
    const result = await commits.apply(append(1));
    expect(result).toEqual({ ok: false, error: { code: 'write-failed', message: 'disk full' } });
    expect(commits.state).toEqual([0]);
  });

  it('keeps going after a change that throws', async () => {
    const commits = new SerialCommits<number[]>([], () => Promise.resolve(OK));
    const thrown = await commits.apply(() => {
      throw new Error('bug');
    });
    expect(!thrown.ok && thrown.error.message).toContain('bug');
    expect((await commits.apply(append(3))).ok).toBe(true);
  });
});
