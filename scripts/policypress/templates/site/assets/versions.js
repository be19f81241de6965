// The version picker of /<doc>/compare/: two lists to pick any two versions. The page lists a
// link for every pair as well, so it works without scripts; this shows the form and follows it.
// The versions come from the form's data-versions attribute (JSON, written by the template).
(() => {
  const form = document.querySelector('.pp-picker');
  if (!form) return;
  const slugs = JSON.parse(form.dataset.versions);
  const from = form.querySelector('#pp-from'), to = form.querySelector('#pp-to');
  to.value = String(slugs.length - 1);
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const a = Number(from.value), b = Number(to.value);
    if (a === b) {
      form.querySelector('.pp-picker-status').textContent = 'Choose two different versions.';
      return;
    }
    const [older, newer] = a < b ? [a, b] : [b, a];
    window.location.href = slugs[older] + '-to-' + slugs[newer] + '/';
  });
})();
