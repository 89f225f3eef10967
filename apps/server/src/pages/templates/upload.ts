/**
 * The upload form of a task. Its CSRF token rides in the address, not in the body: it is checked before a
 * byte of the upload is read, and a forged upload costs nothing.
 */
export const UPLOAD_FORM = `<form class="upload actions" method="post" enctype="multipart/form-data" action="/tasks/<%= it.task %>/upload?_csrf=<%= encodeURIComponent(it.csrf) %>">
<input type="file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required aria-label="选择要上传的报表">
<button type="submit"><%= it.label %></button>
</form>
`;
