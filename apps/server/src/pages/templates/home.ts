/** A unit's home: the tasks it reports in, where each stands, its blank and its upload. */
export const HOME = `<% layout('@layout') %>
<h1><%= it.unit %> · 报送任务</h1>
<p class="sub">下载空白表，填好后上传；上传后立即检查，有错误的请改正后重新上传，提示项可逐条说明。</p>
<% if (it.tasks.length === 0) { %><div class="panel">目前没有需要本单位报送的任务。</div><% } %>
<% for (const t of it.tasks) { %>
<section class="panel task" id="task-<%= t.id %>">
<h2><%= t.title %></h2>
<p>截止日期：<b><%= t.due %></b>　状态：<span class="state state-<%= t.state.key %>"><%= t.state.text %></span>
<% if (t.late) { %><span class="state state-late">逾期报送</span><% } %>
<% if (t.latest) { %>　最近上传：<%= t.latest.at %>（<a href="/submissions/<%= t.latest.id %>">查看检查结果</a>）<% } %></p>
<div class="actions"><a class="button plain" href="/api/tasks/<%= t.id %>/blank">下载空白表</a></div>
<%~ include('@upload', { task: t.id, csrf: it.csrf, label: t.latest ? '重新上传' : '上传' }) %>
</section>
<% } %>
`;
