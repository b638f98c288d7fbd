// "Copy link" beside a share link: the link itself works without this script.
(function () {
  'use strict';
  if (!navigator.clipboard) return;
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var status = button.parentNode.querySelector('.copy-status');
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(button.dataset.copy)
        .then(function () { status.textContent = 'Link copied'; })
        .catch(function () { status.textContent = 'Could not copy: select the link and copy it'; });
    });
  });
})();
