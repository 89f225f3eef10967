/**
 * The pages' one style sheet, served as a file (`/static/portal.css`): no inline style, so the security
 * headers may forbid it. Chinese text in the fonts the system has; plain, official, readable when printed.
 */
export const PORTAL_CSS = `
:root { --ink: #1f2933; --muted: #5f6b7a; --line: #d5dbe3; --brand: #9b1c1c; --brand-dark: #7a1414; --link: #1d4ed8;
  --ok: #e3f4e6; --ok-ink: #1b6b2f; --bad: #fde2e1; --bad-ink: #a61b1b; --warn: #fff3cd; --warn-ink: #8a5a00;
  --said: #d7f0e8; --said-ink: #0f6150; --none: #f1f3f5; }
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin: 0; color: var(--ink); background: #f5f6f8; line-height: 1.6;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
header.top { background: var(--brand); color: #fff; border-bottom: 4px solid #d4a72c; }
header.top .inner { max-width: 1200px; margin: 0 auto; padding: 12px 24px; display: flex; align-items: center; gap: 24px; }
header.top .title { font-size: 1.35rem; font-weight: 700; letter-spacing: 0.08em; color: #fff; }
header.top nav { display: flex; gap: 18px; flex: 1; }
header.top nav a { color: #fde8e8; }
header.top .who { color: #fde8e8; font-size: 0.92rem; display: flex; align-items: center; gap: 12px; }
header.top form { margin: 0; }
header.top button { background: transparent; color: #fff; border: 1px solid #f3c5c5; padding: 2px 10px; border-radius: 3px; cursor: pointer; font: inherit; }
main { max-width: 1200px; margin: 24px auto; padding: 0 24px; }
h1 { font-size: 1.45rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; margin: 28px 0 10px; padding-left: 10px; border-left: 4px solid var(--brand); }
.sub { color: var(--muted); margin: 0 0 18px; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 18px 20px; margin-bottom: 20px; }
table.list { width: 100%; border-collapse: collapse; background: #fff; }
table.list th, table.list td { border: 1px solid var(--line); padding: 7px 10px; text-align: left; vertical-align: top; }
table.list th { background: #eef1f5; font-weight: 600; white-space: nowrap; }
table.list td.num, table.list th.num { text-align: right; }
.state { display: inline-block; padding: 1px 8px; border-radius: 3px; font-size: 0.9rem; white-space: nowrap; }
.state-valid { background: var(--ok); color: var(--ok-ink); }
.state-explained { background: var(--said); color: var(--said-ink); }
.state-invalid { background: var(--bad); color: var(--bad-ink); }
.state-missing, .state-late { background: var(--warn); color: var(--warn-ink); }
.state-not-due { background: var(--none); color: var(--muted); }
td.cell-valid { background: var(--ok); }
td.cell-explained { background: var(--said); }
td.cell-invalid { background: var(--bad); }
td.cell-missing { background: var(--warn); }
.counts { display: flex; gap: 12px; flex-wrap: wrap; margin: 6px 0 0; padding: 0; list-style: none; }
.counts li { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 6px 14px; }
.counts b { font-size: 1.2rem; margin-left: 6px; }
form.inline { display: inline; }
fieldset.units { border: 1px solid var(--line); border-radius: 4px; margin: 10px 0; padding: 6px 12px 10px; }
fieldset.units legend { font-weight: 600; }
label.check { display: inline-block; margin: 4px 14px 0 0; font-weight: normal; white-space: nowrap; }
label.check[hidden] { display: none; }
/* An upload's name, shown as it came: a long one wraps anywhere rather than widening the page. */
.file-name { overflow-wrap: anywhere; word-break: break-all; }
.file-name summary { cursor: pointer; color: var(--muted); }
label { display: block; margin: 10px 0 4px; font-weight: 600; }
input[type=text], input[type=password], input[type=date], input[type=month], select, textarea { font: inherit; padding: 6px 8px; border: 1px solid #b8c1cc; border-radius: 3px; width: 100%; max-width: 420px; background: #fff; }
textarea { max-width: none; min-height: 3.2em; }
button, .button { font: inherit; background: var(--brand); color: #fff; border: 0; padding: 6px 16px; border-radius: 3px; cursor: pointer; display: inline-block; }
button:hover, .button:hover { background: var(--brand-dark); text-decoration: none; }
.button.plain { background: #fff; color: var(--ink); border: 1px solid #b8c1cc; }
.actions { display: flex; gap: 10px; flex-wrap: wrap; align-items: center; margin: 10px 0; }
.notice { padding: 10px 14px; border-radius: 4px; margin: 0 0 16px; border: 1px solid; }
.notice.error { background: var(--bad); color: var(--bad-ink); border-color: #f5b5b3; }
.notice.ok { background: var(--ok); color: var(--ok-ink); border-color: #b4dfbe; }
.notice.info { background: var(--said); color: var(--said-ink); border-color: #b9cdf1; }
.rule { color: var(--muted); font-family: "Noto Sans Mono CJK SC", monospace; font-size: 0.82rem; }
.login { max-width: 400px; margin: 60px auto; }
.login h1 { text-align: center; margin-bottom: 18px; }
.login button { width: 100%; margin-top: 16px; padding: 8px; }
.sheet-wrap { overflow: auto; max-height: 70vh; border: 1px solid var(--line); background: #fff; }
.board-wrap { overflow-x: auto; border: 1px solid var(--line); background: #fff; }
table.sheet { border-collapse: collapse; font-size: 0.88rem; }
table.sheet th, table.sheet td { border: 1px solid #dfe3e8; padding: 3px 6px; min-width: 3em; max-width: 22em; vertical-align: top; white-space: pre-wrap; overflow-wrap: anywhere; }
table.sheet td.whole { white-space: pre; }
table.sheet thead th, table.sheet th.r { background: #eef1f5; color: var(--muted); font-weight: normal; text-align: center; position: sticky; }
table.sheet thead th { top: 0; z-index: 1; }
table.sheet th.r { left: 0; }
table.sheet td.flag-error { background: var(--bad); outline: 2px solid #e25c59; outline-offset: -2px; }
table.sheet td.flag-warning { background: var(--warn); outline: 2px solid #e0b030; outline-offset: -2px; }
table.sheet td.flag-explained { background: var(--said); outline: 2px solid #7ea6e6; outline-offset: -2px; }
table.sheet td .note { display: block; margin-top: 3px; font-size: 0.8rem; white-space: normal; }
table.sheet td.flag-error .note { color: var(--bad-ink); }
table.sheet td.flag-warning .note { color: var(--warn-ink); }
table.sheet td.flag-explained .note { color: var(--said-ink); }
.issue { border: 1px solid var(--line); border-left-width: 4px; border-radius: 3px; background: #fff; padding: 8px 12px; margin: 0 0 10px; }
.issue.error { border-left-color: #d33a36; }
.issue.warning { border-left-color: #e0a800; }
.issue.explained { border-left-color: #4a7fd4; }
/* An explanation keeps the lines the clerk typed. */
.explanation { white-space: pre-line; }
.issue .where { font-weight: 600; margin-right: 8px; }
.issue textarea { margin-top: 6px; }
footer { max-width: 1200px; margin: 30px auto; padding: 0 24px; color: var(--muted); font-size: 0.85rem; }
.muted { color: var(--muted); }
`;
