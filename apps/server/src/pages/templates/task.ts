/** One task as the city sees it: each unit's state and every upload, with the status workbook and the accepted files. */
export const TASK = `<% layout('@layout') %>
<p class="sub"><a href="/board">← 报送情况总览</a></p>
<h1><%= it.task.title %></h1>
<p class="sub">截止 <%= it.task.due %>，截至 <%= it.asOf %>。</p>
<%~ include('@counts', { counts: it.counts }) %>
<div class="actions">
<a class="button plain" href="/tasks/<%= it.task.id %>/status.xlsx">下载报送情况汇总表</a>
<a class="button plain" href="/tasks/<%= it.task.id %>/accepted.zip">打包下载已通过的报表（<%= it.accepted %> 份）</a>
</div>
<form class="actions" method="get">全市汇总截至 <%= it.asOf %>（判定逾期的日期），或截至 <input type="date" name="asOf" value="<%= it.today %>">：
<button class="button plain" formaction="/tasks/<%= it.task.id %>/compiled.xlsx">下载全市汇总工作簿</button>
<button class="button plain" formaction="/tasks/<%= it.task.id %>/compiled.pdf">下载全市汇总 PDF</button>
</form>
<% if (it.cityUpload) { %><div class="panel"><b><%= it.cityUpload %>（市本级）报送：</b>下载空白表填好后在此上传。
<div class="actions"><a class="button plain" href="/api/tasks/<%= it.task.id %>/blank?unit=<%= encodeURIComponent(it.cityUpload) %>">下载空白表</a></div>
<%~ include('@upload', { task: it.task.id, csrf: it.csrf, label: '上传' }) %></div><% } %>
<table class="list">
<thead><tr><th>单位</th><th>状态</th><th>最近上传</th><th class="num">错误</th><th class="num">提示</th><th>全部上传（最近的在前）</th><th>空白表</th></tr></thead>
<tbody>
<% for (const u of it.units) { %><tr>
<th><%= u.unit %></th>
<td class="cell-<%= u.state.key %>"><span class="state state-<%= u.state.key %>"><%= u.state.text %></span><% if (u.late) { %> <span class="state state-late">逾期报送</span><% } %></td>
<td><%= u.at || '—' %></td>
<td class="num"><%= u.errors %></td><td class="num"><%= u.warnings %></td>
<td class="file-name"><% const [latest, ...earlier] = u.files %><% if (latest) { %><%~ include('@upload-line', latest) %><% } else { %><span class="muted">未上传</span><% } %>
<% if (earlier.length) { %><details><summary>历史 <%= earlier.length %> 份</summary><% for (const f of earlier) { %><%~ include('@upload-line', f) %><% } %></details><% } %></td>
<td><a href="/api/tasks/<%= it.task.id %>/blank?unit=<%= encodeURIComponent(u.unit) %>">下载</a></td>
</tr><% } %>
</tbody></table>
`;

/** One upload of a unit on a task's page: when, under what name, its verdict, linked to its page. */
export const UPLOAD_LINE = `<div><a href="/submissions/<%= it.id %>"><%= it.at %></a> <%= it.fileName %> <span class="state state-<%= it.verdict.key %>"><%= it.verdict.text %></span><% if (it.note) { %> <span class="muted"><%= it.note %></span><% } %></div>`;
