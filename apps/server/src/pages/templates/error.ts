/** A refusal, as a page: what went wrong and what to do, with its rule id. */
export const ERROR_PAGE = `<% layout('@layout') %>
<h1><%= it.heading %></h1>
<div class="notice error" role="alert"><%= it.error.message %> <span class="rule">[<%= it.error.rule %>]</span></div>
<p><a href="<%= it.back %>">返回</a></p>
`;
