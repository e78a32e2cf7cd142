import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AddLink } from '../../../src/shared/add-link.ts';
import type { RedactedFeed } from '../../../src/shared/settings.ts';
import { appRoot, bootApp, removeAppRoot, until, valueOf, type BootedApp } from './app-harness.ts';

let booted: BootedApp | undefined;
beforeAll(async () => void (await appRoot()));
afterAll(removeAppRoot);
afterEach(async () => {
  await booted?.close();
  booted = undefined;
});

const LINK = `feedtray://add?url=${encodeURIComponent('https://ntfy.example/alerts/sse')}&name=Alerts&preset=ntfy`;

describe('feedtray://add links', () => {
  it('registers the scheme, and a link that started the app waits for the window, which shows', async () => {
    booted = await bootApp({ argv: ['feedtray', LINK] });
    expect(booted.fake.app.protocols).toEqual(['feedtray']);
    await until(() => booted!.window.isVisible(), 'the window shown for the link');
    const link = valueOf(await booted.invoke<AddLink | null>('feeds:takeAddLink'));
    expect(link).toEqual({ url: 'https://ntfy.example/alerts/sse', name: 'Alerts', preset: 'ntfy' });
    // Taken once; nothing was added or connected by the link itself.
    expect(valueOf(await booted.invoke<AddLink | null>('feeds:takeAddLink'))).toBeNull();
    expect(valueOf(await booted.invoke<RedactedFeed[]>('feeds:list'))).toEqual([]);
  });

  it('hands a link from a second launch or macOS open-url to the running window', async () => {
    booted = await bootApp();
    booted.fake.app.secondInstance(['feedtray', LINK]);
    await until(
      () => booted!.window.webContents.sent.some((sent) => sent.channel === 'push:addFeed'),
      'the push',
    );
    expect(booted.window.isVisible()).toBe(true);
    expect(valueOf(await booted.invoke<AddLink | null>('feeds:takeAddLink'))?.name).toBe('Alerts');
    booted.fake.app.openUrl(
      'feedtray://add?url=https://hub.example/.well-known/mercure%3Ftopic%3Da&preset=mercure',
    );
    await until(
      () => booted!.window.webContents.sent.filter((sent) => sent.channel === 'push:addFeed').length === 2,
      'the second push',
    );
    expect(valueOf(await booted.invoke<AddLink | null>('feeds:takeAddLink'))?.preset).toBe('mercure');
    // Anything that is not an add link is ignored.
    booted.fake.app.openUrl('feedtray://remove?url=https://x.example/');
    booted.fake.app.secondInstance(['feedtray', 'https://x.example/']);
    expect(valueOf(await booted.invoke<AddLink | null>('feeds:takeAddLink'))).toBeNull();
  });
});
