import type { FeedStatus } from '../../shared/feed.ts';
import type { UiLanguage } from '../../shared/presentation/notification-text.ts';
import type { QuietChoice } from '../../shared/presentation/snooze.ts';

/** Every word the tray menu shows. Pure data and small functions: no Electron, easy to test. */
export interface TrayLabels {
  tooltip(state: {
    totalUnread: number;
    paused: boolean;
    doNotDisturb: boolean;
    failing: number;
    problems: number;
  }): string;
  /** A snoozed feed's note: "snoozed until 14:30", or without a time when until resumed. */
  snoozed(until: string | null): string;
  snooze: string;
  /** Snooze and do-not-disturb choices. */
  quiet: Record<QuietChoice, string>;
  resumeNotifications: string;
  markAllRead: string;
  doNotDisturbFor: string;
  /** The do-not-disturb line while it is on for a while. */
  doNotDisturbUntil(until: string): string;
  /** The locale dates are written in. */
  locale: string;
  /** The title of the window where the user signs in to a feed's site. */
  signInTitle: string;
  /** The menu's first line when something was lost or not saved. */
  problems(count: number): string;
  /** "2 open incidents": opens the Incidents view. */
  openIncidents(count: number): string;
  feedsHeader: string;
  noFeeds: string;
  /** A feed's line: name, connection in a word or two, unread count. */
  feed(name: string, status: string, unread: number): string;
  status(status: FeedStatus): string;
  recentHeader: string;
  noRecent: string;
  pauseAll: string;
  resumeAll: string;
  doNotDisturb: string;
  open: string;
  settings: string;
  quit: string;
}

/** The connection in words; failures keep the HTTP status, which users search for. */
function statusWords(words: Record<FeedStatus['reason']['code'] | 'open' | 'connecting', string>) {
  return (status: FeedStatus): string => {
    if (status.state === 'open') return words.open;
    const code = status.reason.code;
    if (code === 'http-status' && status.reason.httpStatus !== undefined)
      return `HTTP ${status.reason.httpStatus}`;
    if (status.state === 'connecting' && (code === 'starting' || code === 'open')) return words.connecting;
    return words[code];
  };
}

const en: TrayLabels = {
  tooltip: ({ totalUnread, paused, doNotDisturb, failing, problems }) =>
    [
      'FeedTray',
      totalUnread > 0 ? `${totalUnread} unread` : 'no unread events',
      paused ? 'paused' : null,
      doNotDisturb ? 'do not disturb' : null,
      failing > 0 ? `${failing} feed${failing === 1 ? '' : 's'} failing` : null,
      problems > 0 ? `${problems} problem${problems === 1 ? '' : 's'}` : null,
    ]
      .filter(Boolean)
      .join(' — '),
  snoozed: (until) => (until ? `snoozed until ${until}` : 'snoozed'),
  snooze: 'Snooze',
  quiet: {
    '1h': 'For 1 hour',
    '4h': 'For 4 hours',
    tomorrow: 'Until tomorrow 09:00',
    manual: 'Until I resume',
  },
  resumeNotifications: 'Resume notifications',
  markAllRead: 'Mark all read',
  doNotDisturbFor: 'Do not disturb for',
  doNotDisturbUntil: (until) => `Do not disturb until ${until}`,
  locale: 'en',
  signInTitle: 'Sign in — FeedTray',
  problems: (count) => `⚠ ${count} problem${count === 1 ? '' : 's'}: open FeedTray for details`,
  openIncidents: (count) => `${count} open incident${count === 1 ? '' : 's'}…`,
  feedsHeader: 'Feeds',
  noFeeds: 'No feeds yet',
  feed: (name, status, unread) => `${name} — ${status}${unread > 0 ? ` (${unread} unread)` : ''}`,
  status: statusWords({
    open: 'connected',
    connecting: 'connecting…',
    starting: 'connecting…',
    'server-closed': 'reconnecting…',
    network: 'network error',
    dns: 'DNS failure',
    refused: 'connection refused',
    'http-status': 'HTTP error',
    'not-event-stream': 'not an event stream',
    'needs-auth': 'needs sign-in',
    'invalid-header': 'a header cannot be sent',
    'stopped-by-server': 'stopped by server',
    stalled: 'stalled, reconnecting…',
    'event-too-large': 'event too large',
    paused: 'paused',
    offline: 'offline',
    disabled: 'off',
    stopped: 'stopped',
  }),
  recentHeader: 'Recent events',
  noRecent: 'No events yet',
  pauseAll: 'Pause all feeds',
  resumeAll: 'Resume all feeds',
  doNotDisturb: 'Do not disturb',
  open: 'Open FeedTray',
  settings: 'Settings…',
  quit: 'Quit FeedTray',
};

const zhCN: TrayLabels = {
  tooltip: ({ totalUnread, paused, doNotDisturb, failing, problems }) =>
    [
      'FeedTray',
      totalUnread > 0 ? `${totalUnread} 条未读` : '没有未读事件',
      paused ? '已暂停' : null,
      doNotDisturb ? '勿扰模式' : null,
      failing > 0 ? `${failing} 个订阅源出错` : null,
      problems > 0 ? `${problems} 个问题` : null,
    ]
      .filter(Boolean)
      .join(' — '),
  snoozed: (until) => (until ? `暂停通知至 ${until}` : '已暂停通知'),
  snooze: '暂停通知',
  quiet: { '1h': '1 小时', '4h': '4 小时', tomorrow: '直到明天 09:00', manual: '直到我恢复' },
  resumeNotifications: '恢复通知',
  markAllRead: '全部标为已读',
  doNotDisturbFor: '勿扰模式时长',
  doNotDisturbUntil: (until) => `勿扰模式至 ${until}`,
  locale: 'zh-CN',
  signInTitle: '登录 — FeedTray',
  problems: (count) => `⚠ ${count} 个问题：打开 FeedTray 查看详情`,
  openIncidents: (count) => `${count} 个未解决的故障…`,
  feedsHeader: '订阅源',
  noFeeds: '还没有订阅源',
  feed: (name, status, unread) => `${name} — ${status}${unread > 0 ? `（${unread} 条未读）` : ''}`,
  status: statusWords({
    open: '已连接',
    connecting: '连接中…',
    starting: '连接中…',
    'server-closed': '重新连接中…',
    network: '网络错误',
    dns: '域名解析失败',
    refused: '连接被拒绝',
    'http-status': 'HTTP 错误',
    'not-event-stream': '不是事件流',
    'needs-auth': '需要登录',
    'invalid-header': '请求头无法发送',
    'stopped-by-server': '服务器已停止推送',
    stalled: '无数据，重新连接中…',
    'event-too-large': '事件过大',
    paused: '已暂停',
    offline: '离线',
    disabled: '已关闭',
    stopped: '已停止',
  }),
  recentHeader: '最近事件',
  noRecent: '还没有事件',
  pauseAll: '全部暂停',
  resumeAll: '全部恢复',
  doNotDisturb: '勿扰模式',
  open: '打开 FeedTray',
  settings: '设置…',
  quit: '退出 FeedTray',
};

const LABELS: Record<UiLanguage, TrayLabels> = { en, 'zh-CN': zhCN };

/** The tray's words in one language. */
export function trayLabels(language: UiLanguage): TrayLabels {
  return LABELS[language];
}
