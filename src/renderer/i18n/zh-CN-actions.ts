/** Simplified Chinese for action buttons in the event detail and the editor's Actions section: part of `zhCN`. */
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
  'editor.actions': '操作按钮',
  'editor.actionsLabel': '操作（JSON）',
  'editor.actionsHint':
    '按钮列表：id、label、method（POST）、url（"/alerts/{/id}/ack"；{…} 填入事件的字段）、body、contentType、allowHost。请求带上此订阅源的请求头，只发往它自己的服务器，除非 allowHost 指定了另一个主机。字面的大括号写作 {{ 和 }}。',
  'editor.error.actionsJson':
    '这不是 JSON：请写成列表，例如 [{ "id": "ack", "label": "Acknowledge", "url": "/ack" }]',
  'editor.error.actionsList': '操作：{message}',
  'editor.error.actionItem': '第 {n} 个操作，{field}：{message}',
};
