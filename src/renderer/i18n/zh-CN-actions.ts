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
  'editor.actionsHint':
    '显示在此订阅源的通知和事件上的按钮，例如“确认”。按下时发送一个请求，带上此订阅源的请求头和密钥，只发往它自己的服务器，除非你另外允许一个主机。',
  'editor.error.actionsList': '操作：{message}',
  'actions.add': '添加操作',
  'actions.none': '还没有按钮。',
  'actions.row': '操作 {n}',
  'actions.label': '按钮文字',
  'actions.labelPlaceholder': '确认',
  'actions.method': '方法',
  'actions.url': '地址',
  'actions.urlHint':
    '相对地址（如 /alerts/{/alert_id}/ack）指向此订阅源自己的服务器。{…} 填入事件的字段：JSON 指针（如 {/alert_id}），或 {title}、{id}、{value}。',
  'actions.body': '请求体',
  'actions.bodyHint':
    '按原样发送，并填入 {…}（内容类型为 JSON 时按 JSON 转义）。字面的大括号写作 {{ 和 }}：{{"ack": true}}。',
  'actions.urlPlaceholder': '/alerts/{/alert_id}/ack',
  'actions.bodyPlaceholder': '{{"by": "feedtray", "title": "{title}"}}',
  'actions.allowHostPlaceholder': 'hooks.example.com',
  'actions.contentType': '内容类型',
  'actions.allowHost': '另外允许的主机（可选）',
  'actions.allowHostHint':
    '此按钮还可以访问的另一个主机，例如 hooks.example.com。此订阅源的请求头和密钥也会发往那里。',
  'actions.moveUp': '将操作 {n} 上移',
  'actions.moveDown': '将操作 {n} 下移',
  'actions.remove': '删除操作 {n}',
  'actions.preview.label': '第一个按钮将发送的内容',
  'actions.preview.unsaved': '保存此订阅源并收到事件后，这里会显示第一个按钮针对该事件将发送的内容。',
  'actions.preview.loading': '正在查找最新的事件…',
  'actions.preview.failed': '无法读取此订阅源最新的事件。',
  'actions.preview.noEvent': '此订阅源还没有保存的事件：收到事件后，这里会显示第一个按钮针对它将发送的内容。',
  'actions.preview.invalid': '请先填好上面的第一个操作，才能看到它将发送的内容。',
  'actions.preview.event': '针对最新的事件“{title}”（{time}）：',
  'actions.preview.sends': '“{label}”将发送',
  'actions.preview.refused': '“{label}”不会发送任何内容：',
  'actions.preview.withHeaders': '附带此订阅源的请求头和密钥（不显示）。这里不会发送任何请求。',
  'actions.error.label': '请填写按钮文字，例如“确认”。',
  'actions.error.labelLong': '按钮文字最多 40 个字符。',
  'actions.error.url': '请填写按钮要访问的地址，例如 /alerts/{/alert_id}/ack。',
  'actions.error.unknownField':
    '事件中没有字段 {field}。请使用 JSON 指针（如 {/alert_id}）或 {fields} 之一；字面的大括号写作 {{ 和 }}。',
  'actions.error.templateLong': '最多 2000 个字符。',
  'actions.error.contentType': '这不是内容类型：请写成 application/json 或 text/plain 这样的形式。',
  'actions.error.allowHost':
    '只填主机名，例如 hooks.example.com 或 hooks.example.com:8443：不要 https://，也不要路径。',
};
