export const LOGIN = `<% layout('@layout') %>
<div class="login panel">
<h1>登录</h1>
<% if (it.error) { %><div class="notice error" role="alert"><%= it.error.message %> <span class="rule">[<%= it.error.rule %>]</span></div><% } %>
<form method="post" action="/login">
<input type="hidden" name="_csrf" value="<%= it.csrf %>">
<label for="name">用户名</label>
<input id="name" name="name" type="text" autocomplete="username" required maxlength="200" value="<%= it.name %>">
<label for="password">密码</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1000">
<button type="submit">登录</button>
</form>
</div>
`;
