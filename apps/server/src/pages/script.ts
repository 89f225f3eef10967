/**
 * The pages' one script, served as a file (`/static/portal.js`, no inline script): while a form is being
 * sent (an upload is checked before the answer comes), its button says so and cannot be pressed twice.
 * Without it the pages work the same.
 */
export const PORTAL_JS = `
document.addEventListener('submit', function (event) {
  var form = event.target;
  var button = form.querySelector('button[type=submit]');
  if (!button || button.disabled) return;
  button.disabled = true;
  button.textContent = form.classList.contains('upload') ? '正在上传并检查，请稍候…' : '正在提交…';
});
`;
