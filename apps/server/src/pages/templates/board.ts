/** The city's board: every task against every unit, each unit's state, its latest upload, and the counts. */
export const BOARD = `<% layout('@layout') %>
<h1>报送情况总览</h1>
<p class="sub">截至 <%= it.asOf %>。点任务名看各单位的全部上传并下载报送情况；“全市汇总”下载各单位最后一次上传中已通过的报表汇成的工作簿和 PDF；点状态看该单位最近一次上传的检查结果。</p>
<% if (it.flash) { %><div class="notice <%= it.flash.kind %>" role="status"><%= it.flash.text %></div><% } %>
<% if (it.tasks.length === 0) { %><div class="panel">还没有报送任务。</div><% } else { %>
<div class="board-wrap"><table class="list board">
<thead><tr><th>单位</th><% for (const t of it.tasks) { %><th><a href="/tasks/<%= t.id %>"><%= t.title %></a><br><span class="muted">截止 <%= t.due %></span><br><span class="muted">全市汇总：<a href="/tasks/<%= t.id %>/compiled.xlsx">工作簿</a> · <a href="/tasks/<%= t.id %>/compiled.pdf">PDF</a></span></th><% } %></tr></thead>
<tbody>
<% for (const row of it.rows) { %><tr><th><%= row.unit %></th><% for (const c of row.cells) { %>
<% if (!c) { %><td class="muted">—</td><% } else { %><td class="cell-<%= c.state.key %>" data-unit="<%= row.unit %>" data-task="<%= c.task %>">
<% if (c.submission) { %><a class="state state-<%= c.state.key %>" href="/submissions/<%= c.submission %>"><%= c.state.text %></a><% } else { %><span class="state state-<%= c.state.key %>"><%= c.state.text %></span><% } %>
<% if (c.late) { %><span class="state state-late">逾期报送</span><% } %>
<% if (c.at) { %><br><span class="muted"><%= c.at %></span><% } %></td><% } %>
<% } %></tr>
<% } %>
</tbody>
<tfoot><tr><th>合计</th><% for (const t of it.tasks) { %><td><%~ include('@counts', { counts: t.counts }) %></td><% } %></tr></tfoot>
</table></div>
<% } %>
<% if (it.forms.length) { %>
<h2>新建报送任务</h2>
<form class="panel" method="post" action="/tasks">
<input type="hidden" name="_csrf" value="<%= it.csrf %>">
<label for="form">表样</label>
<select id="form" name="form"><% for (const f of it.forms) { %><option value="<%= f.id %>"<% if (f.monthly) { %> data-monthly<% } %><% if (f.cityReports) { %> data-city-reports<% } %>><%= f.name %><%= f.monthly ? '（按月）' : '' %></option><% } %></select>
<label for="period">月份（按月报送的表样填写，如 2023-06；其他表样不用）</label>
<input id="period" name="period" type="month" value="<%= it.period %>">
<label for="due">截止日期</label>
<input id="due" name="due" type="date" required>
<fieldset class="units"><legend>报送单位（不勾选则为全部单位；<%= it.city %>自己报送的表样（<%= it.cityForms.join('、') %>）也含<%= it.city %>）</legend>
<label class="check" id="city-reports"><input type="checkbox" name="units" value="<%= it.city %>"> <%= it.city %></label>
<% for (const u of it.units) { %><label class="check"><input type="checkbox" name="units" value="<%= u %>"> <%= u %></label><% } %>
</fieldset>
<div class="actions"><button type="submit">新建任务</button></div>
</form>
<% } %>
`;
