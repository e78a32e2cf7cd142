/** Simplified Chinese for action buttons in the event detail: part of `zhCN`. */
import type { enActions } from './en-actions.ts';

export const zhCNActions: { readonly [K in keyof typeof enActions]: string } = {
  'actions.title': '操作',
  'actions.sendsTo': '向 {host} 发送请求',
  'actions.opens': '在浏览器中打开 {host}',
  'actions.resultDone': '{label}：已确认 · {time}',
  'actions.resultOpened': '{label}：已打开 · {time}',
  'actions.resultFailed': '{label}：{message} · {time}',
  'actions.loadFailed': '无法载入此事件的操作',
  'actions.runFailed': '无法执行此操作',
};
