/** One's own account: change the password. */
export const ACCOUNT = `<% layout('@layout') %>
<h1>账号与密码</h1>
<% if (it.flash) { %><div class="notice <%= it.flash.kind %>" role="status"><%= it.flash.text %><% if (it.flash.rule) { %> <span class="rule">[<%= it.flash.rule %>]</span><% } %></div><% } %>
<div class="panel">
<p>用户名：<b><%= it.account.name %></b>　角色：<%= it.roleName %><% if (it.account.unit) { %>　单位：<%= it.account.unit %><% } %></p>
</div>
<h2>修改密码</h2>
<form class="panel" method="post" action="/account/password">
<input type="hidden" name="_csrf" value="<%= it.csrf %>">
<input type="text" name="name" value="<%= it.account.name %>" autocomplete="username" hidden>
<label for="current">当前密码</label>
<input id="current" name="currentPassword" type="password" autocomplete="current-password" required maxlength="1000">
<label for="new">新密码（至少 8 个字符）</label>
<input id="new" name="newPassword" type="password" autocomplete="new-password" required minlength="8" maxlength="1000">
<label for="again">再次输入新密码</label>
<input id="again" name="again" type="password" autocomplete="new-password" required minlength="8" maxlength="1000">
<div class="actions"><button type="submit">修改密码</button></div>
</form>
<%~ include('@accounts', it) %>
`;

/** An administrator's list of accounts: disable one, reset a password. */
export const ACCOUNTS = `<% if (it.users) { %>
<h2>全部账号（管理员）</h2>
<p class="sub">停用的账号不能登录，已登录的立即退出；重置密码后，该账号各处的登录都会退出，请把新密码告知本人。新账号用命令 <code>tianbao users add</code> 添加。</p>
<table class="list">
<thead><tr><th>用户名</th><th>角色</th><th>单位</th><th>状态</th><th>停用</th><th>重置密码</th></tr></thead>
<tbody>
<% for (const u of it.users) { %><tr>
<td><%= u.name %></td><td><%= u.roleName %></td><td><%= u.unit || '—' %></td>
<td><% if (u.disabled) { %><span class="state state-invalid">已停用</span><% } else { %><span class="state state-valid">正常</span><% } %></td>
<td><% if (!u.disabled && !u.self) { %><form class="inline" method="post" action="/users/<%= u.id %>/disable"><input type="hidden" name="_csrf" value="<%= it.csrf %>"><button type="submit" class="button plain">停用</button></form><% } %></td>
<td><form class="actions" method="post" action="/users/<%= u.id %>/password"><input type="hidden" name="_csrf" value="<%= it.csrf %>"><input type="password" name="password" autocomplete="new-password" required minlength="8" maxlength="1000" aria-label="<%= u.name %> 的新密码" placeholder="新密码"><button type="submit" class="button plain">重置</button></form></td>
</tr><% } %>
</tbody></table>
<% } %>`;
