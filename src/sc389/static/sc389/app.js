// The commune picker: a suggestion fills the hidden place id and the visible name.
// Without this script the typed name is resolved on the server, so forms still work.
(function () {
  "use strict";
  function picker(el) { return el && el.closest(".place-picker"); }
  document.addEventListener("click", function (event) {
    var option = event.target.closest("[data-place-id]");
    var box = picker(option);
    if (!box) return;
    var hidden = box.querySelector("input[type=hidden]");
    var text = box.querySelector("input[type=text]");
    hidden.value = option.dataset.placeId;
    text.value = option.dataset.placeLabel;
    box.querySelector(".place-results").innerHTML = "";
    hidden.dispatchEvent(new Event("change", { bubbles: true }));
  });
  document.addEventListener("input", function (event) {
    var box = picker(event.target);
    if (!box || event.target.type !== "text") return;
    // A new name typed: the earlier pick no longer holds.
    box.querySelector("input[type=hidden]").value = "";
  });
  document.addEventListener("keydown", function (event) {
    var box = picker(event.target);
    if (!box || event.key !== "Escape") return;
    box.querySelector(".place-results").innerHTML = "";
  });
  // Filters left empty stay out of the request, so the address bar shows only what was chosen.
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail.elt;
    if (!elt || !elt.closest || !elt.closest("#case-filters")) return;
    var params = event.detail.parameters;
    Object.keys(params).forEach(function (name) {
      if (params[name] === "") delete params[name];
    });
  });
})();
