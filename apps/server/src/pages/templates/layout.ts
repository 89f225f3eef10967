/** Every page's frame: the banner, who is logged in, the menu for the account's role, and the page's body. */
export const LAYOUT = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.title %> - <%= it.city %>报表报送</title>
<link rel="stylesheet" href="/static/portal.css">
<script src="/static/portal.js" defer></script>
<% if (it.refresh) { %><meta http-equiv="refresh" content="<%= it.refresh %>"><% } %>
</head>
<body>
<header class="top"><div class="inner">
<a class="title" href="/"><%= it.city %>报表报送</a>
<nav>
<% if (it.account && it.account.role === 'unit') { %><a href="/home">本单位报送</a><% } %>
<% if (it.account && it.account.role !== 'unit') { %><a href="/board">报送情况</a><% } %>
<% if (it.account) { %><a href="/account">账号与密码</a><% } %>
</nav>
<% if (it.account) { %>
<div class="who"><span><%= it.account.name %>（<%= it.account.unit || it.roleName %>）</span>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="<%= it.csrf %>"><button type="submit">退出</button></form></div>
<% } %>
</div></header>
<main>
<%~ it.body %>
</main>
<footer><%= it.city %>报表报送门户 · 遇到问题请联系市级管理员</footer>
</body>
</html>
`;
