/** The units of a task counted by state. */
export const COUNTS = `<ul class="counts"><% for (const c of it.counts) { %><li><span class="state state-<%= c.key %>"><%= c.text %></span><b><%= c.n %></b></li><% } %></ul>`;
