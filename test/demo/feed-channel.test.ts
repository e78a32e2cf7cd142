import { describe, expect, it } from 'vitest';
import { FeedChannel } from '../../src/demo/feed-channel.ts';

/** The ids in an encoded run of events. */
const idsIn = (text: string): number[] =>
  [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));

function channelWith(count: number, options = { historySize: 100, backlogSize: 3 }): FeedChannel {
  const channel = new FeedChannel(options);
  for (let i = 0; i < count; i++) channel.publish((id) => ({ data: `event ${id}` }));
  return channel;
}

describe('FeedChannel', () => {
  it('numbers events 1, 2, 3 and hands each to every subscriber once', () => {
    const channel = channelWith(0);
    const a: string[] = [];
    const b: string[] = [];
    channel.subscribe((chunk) => a.push(chunk), undefined);
    channel.subscribe((chunk) => b.push(chunk), undefined);
    channel.publish(() => ({ data: 'x' }));
    channel.publish(() => ({ event: 'info', data: 'y' }));
    expect(a).toEqual(['id: 1\ndata: x\n\n', 'id: 2\nevent: info\ndata: y\n\n']);
    expect(b).toEqual(a);
    expect(channel.lastId).toBe(2);
  });

  it('replays the events after Last-Event-ID', () => {
    expect(idsIn(channelWith(10).subscribe(() => {}, '6').replay)).toEqual([7, 8, 9, 10]);
  });

  it('replays nothing to a subscriber that has seen the newest event', () => {
    expect(channelWith(10).subscribe(() => {}, '10').replay).toBe('');
  });

  it('gives the backlog to a subscriber without a usable Last-Event-ID', () => {
    for (const header of [undefined, '', 'x', '-1', '2e3', '11'])
      expect(idsIn(channelWith(10).subscribe(() => {}, header).replay)).toEqual([8, 9, 10]);
  });

  it('keeps only historySize events and replays what is left of a longer gap', () => {
    const channel = channelWith(10, { historySize: 4, backlogSize: 2 });
    expect(idsIn(channel.subscribe(() => {}, '2').replay)).toEqual([7, 8, 9, 10]);
    expect(idsIn(channel.subscribe(() => {}, '8').replay)).toEqual([9, 10]);
  });

  it('stops sending to a subscriber once it unsubscribes', () => {
    const channel = channelWith(0);
    const received: string[] = [];
    const { unsubscribe } = channel.subscribe((chunk) => received.push(chunk), undefined);
    channel.publish(() => ({ data: 'before' }));
    unsubscribe();
    channel.publish(() => ({ data: 'after' }));
    expect(received).toHaveLength(1);
    expect(channel.subscribers).toBe(0);
  });
});
