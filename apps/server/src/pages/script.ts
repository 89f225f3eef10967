/**
 * The pages' one script, served as a file (`/static/portal.js`, no inline script): while a form is being
 * sent (an upload is checked before the answer comes), its button says so and cannot be pressed twice;
 * the new task's form offers only what the chosen form takes. Without it the pages work the same.
 */
export const PORTAL_JS = `
document.addEventListener('submit', function (event) {
  var form = event.target;
  var button = form.querySelector('button[type=submit]');
  if (!button || button.disabled) return;
  button.disabled = true;
  button.textContent = form.classList.contains('upload') ? '正在上传并检查，请稍候…' : '正在提交…';
});

// The new task's form offers what the chosen form takes: a month only for a monthly one, the city only
// for one the city itself reports (a field disabled is not sent).
function fitNewTask() {
  var chosen = document.querySelector('#form option:checked');
  if (!chosen) return;
  document.getElementById('period').disabled = !chosen.hasAttribute('data-monthly');
  var city = document.getElementById('city-reports');
  city.hidden = !chosen.hasAttribute('data-city-reports');
  city.querySelector('input').disabled = city.hidden;
}
document.addEventListener('change', function (event) {
  if (event.target.id === 'form') fitNewTask();
});
document.addEventListener('DOMContentLoaded', fitNewTask);
`;
