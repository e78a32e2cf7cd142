/** Simplified Chinese for the Incidents tab: part of `zhCN`. */
import type { enIncidents } from './en-incidents.ts';

export const zhCNIncidents: { readonly [K in keyof typeof enIncidents]: string } = {
  'tabs.incidents': '故障',
  'incidents.title': '故障',
  'incidents.intro':
    '同一订阅源中故障键相同的事件会更新同一个故障和同一条通知，直到某个事件将其解决。请在订阅源编辑器中设置故障键和“何时算已解决”。',
  'incidents.empty':
    '还没有故障。为订阅源设置故障键（例如 /alert_id），它的告警就会归组显示在这里，未解决的在前。',
  'incidents.summary': '{open} 个未解决 · 共显示 {total} 个',
  'incidents.listLabel': '故障列表，未解决的在前',
  'incidents.open': '未解决',
  'incidents.resolved': '已解决',
  'incidents.count': '{n} 个事件',
  'incidents.countOne': '1 个事件',
  'incidents.acted': '✓ {label} · {time}',
  'incidents.firstSeen': '首次出现',
  'incidents.lastSeen': '最近出现',
  'incidents.choose': '选择一个故障以查看其时间线。',
  'incidents.key': '键 {key} · {feed}',
  'incidents.timelineLabel': '该故障的事件，最新的在前',
  'incidents.noEvents': '它的事件已不在历史记录中。',
  'incidents.failed': '无法加载故障列表',
  'incidents.timelineFailed': '无法加载该故障的时间线',
};
