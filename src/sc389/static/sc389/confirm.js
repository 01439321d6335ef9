// Removing a part of a case or closing it asks first (data-confirm on the form). Without this script the
// button still works: every removal is in the case's history, so nothing is lost silently.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form && form.dataset ? form.dataset.confirm : "";
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
