/** Work still under way: the page looks again by itself every few seconds (no script needed). */
export const WAIT = `<% layout('@layout') %>
<h1><%= it.title %></h1>
<div class="notice info" role="status"><%= it.message %></div>
<p>本页每 <%= it.refresh %> 秒自动刷新，完成后开始下载。<a href="<%= it.back %>">返回</a></p>
`;
