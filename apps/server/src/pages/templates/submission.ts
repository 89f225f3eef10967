/**
 * One upload: what the check found, the sheet drawn as a table with each flagged cell coloured and its
 * messages beside it, a box to explain each warning, the marked-up copy, and the upload again.
 */
export const SUBMISSION = `<% layout('@layout') %>
<p class="sub"><a href="<%= it.back.href %>"><%= it.back.text %></a></p>
<h1><%= it.sub.unit %> · <%= it.sub.taskTitle %></h1>
<% if (it.flash) { %><div class="notice <%= it.flash.kind %>" role="status"><%= it.flash.text %></div><% } %>
<div class="panel">
<p>文件：<b class="file-name"><%= it.sub.fileName %></b>（<%= it.sub.size %>）　上传：<%= it.sub.at %>，<%= it.sub.by %>
<% if (!it.sub.latest) { %>　<span class="state state-not-due">已有更新的上传，本份不作判定</span><% } %></p>
<p>检查结果：<span class="state state-<%= it.sub.verdict.key %>" id="verdict"><%= it.sub.verdict.text %></span>
　错误 <b><%= it.sub.errors %></b> 处　提示 <b><%= it.sub.warnings %></b> 处<% if (it.sub.explained) { %>（已说明 <%= it.sub.explained %> 处）<% } %></p>
<% if (it.sub.unlisted) { %><p class="notice info" id="unlisted">其中 <%= it.sub.unlisted.errors + it.sub.unlisted.warnings %> 处（错误 <%= it.sub.unlisted.errors %> 处、提示 <%= it.sub.unlisted.warnings %> 处）未在下面列出：每份最多列出 <%= it.sub.unlisted.most %> 处，错误在先。请先按列出的改正，重新上传后再看其余的；批注副本同样只标出列出的。</p><% } %>
<div class="actions">
<% if (it.sub.read) { %><a class="button plain" href="/submissions/<%= it.sub.id %>/annotated">下载批注副本</a><% } %>
<a class="button plain" href="/api/submissions/<%= it.sub.id %>/file">下载原文件</a>
</div>
<% if (it.canUpload) { %><%~ include('@upload', { task: it.sub.task, csrf: it.csrf, label: '改正后重新上传' }) %><% } %>
</div>

<% if (it.errors.length) { %>
<h2>须改正的错误</h2>
<% for (const i of it.errors) { %>
<div class="issue <%= i.severity %>"><span class="where"><%= i.cell || '整个文件' %></span><%= i.message %> <span class="rule">[<%= i.rule %>]</span></div>
<% } %>
<% } %>

<% if (it.warnings.length) { %>
<h2>提示项说明</h2>
<% if (it.canExplain) { %>
<p class="sub">提示项不影响通过，但须逐条核实：确认无误的，在框中写明理由后保存；填错的，请改正后重新上传。错误不能以说明代替改正。</p>
<% } else if (it.latestId) { %>
<p class="sub">这是较早的一次上传，已有更新的上传：提示项请在<a href="/submissions/<%= it.latestId %>">最新一份</a>上核实并说明。</p>
<% } else { %>
<p class="sub">提示项不影响通过，由填报单位逐条核实并说明。</p>
<% } %>
<form method="post" action="/submissions/<%= it.sub.id %>/explanations">
<input type="hidden" name="_csrf" value="<%= it.csrf %>">
<% for (const w of it.warnings) { %>
<div class="issue <%= w.explained ? 'explained' : 'warning' %>">
<span class="where"><%= w.cell || '整个文件' %></span><%= w.message %> <span class="rule">[<%= w.rule %>]</span>
<% if (w.explained) { %><span class="state state-explained">已说明</span><% } %>
<% if (it.canExplain) { %>
<input type="hidden" name="cell" value="<%= w.cell || '' %>"><input type="hidden" name="rule" value="<%= w.rule %>"><input type="hidden" name="message" value="<%= w.cell ? '' : w.message %>">
<textarea name="text" maxlength="<%= it.explanationChars %>" aria-label="<%= w.cell || '整个文件' %> 的说明" placeholder="说明理由"><%= w.draft %></textarea>
<% } else if (w.explanation) { %><p class="explanation">说明：<%= w.explanation %></p><% } %>
</div>
<% } %>
<% if (it.canExplain) { %><button type="submit">保存说明</button><% } %>
</form>
<% } %>

<h2>报表内容<% if (it.sheet) { %>：工作表「<%= it.sheet.name %>」<% } %></h2>
<% if (!it.sheet) { %><div class="panel muted"><%= it.noSheet %></div><% } else { %>
<% if (it.sheet.cut) { %><p class="sub">表格较大，只显示前 <%= it.sheet.maxRows %> 行、前 <%= it.sheet.maxColumns %> 列；其余问题见上方列表或批注副本。</p><% } %>
<div class="sheet-wrap"><table class="sheet">
<thead><tr><th></th><% for (const c of it.sheet.columns) { %><th><%= c %></th><% } %></tr></thead>
<tbody>
<% for (const row of it.sheet.rows) { %><tr><th class="r"><%= row.r %></th><% for (const c of row.cells) { %><td<% if (c.cls) { %> class="<%= c.cls %>"<% } %><% if (c.rowspan > 1) { %> rowspan="<%= c.rowspan %>"<% } %><% if (c.colspan > 1) { %> colspan="<%= c.colspan %>"<% } %> data-cell="<%= c.ref %>"><%= c.text %><% for (const n of c.notes) { %><span class="note">【<%= n.label %>】<%= n.message %></span><% } %></td><% } %></tr>
<% } %>
</tbody></table></div>
<% } %>

<% if (it.history.length > 1) { %>
<h2>本单位在此任务中的全部上传</h2>
<table class="list"><thead><tr><th>上传时间</th><th>文件</th><th>检查结果</th><th>账号</th></tr></thead><tbody>
<% for (const h of it.history) { %><tr><td><a href="/submissions/<%= h.id %>"><%= h.at %></a><% if (h.id === it.sub.id) { %>（本份）<% } %></td><td class="file-name"><%= h.fileName %></td><td><span class="state state-<%= h.verdict.key %>"><%= h.verdict.text %></span></td><td><%= h.by %></td></tr><% } %>
</tbody></table>
<% } %>
`;
