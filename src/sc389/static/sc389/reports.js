// Report form: show only the period fields the chosen kind of period uses (all stay usable without JS).
(function () {
  "use strict";
  var kind = document.getElementById("r-kind");
  if (!kind) { return; }
  function sync() {
    var range = kind.value === "range";
    var campaign = kind.value === "campaign";
    document.querySelectorAll(".report-form .period-campaign").forEach(function (el) { el.classList.toggle("hidden", !campaign); });
    var numbered = ["month", "quarter", "half", "first", "reporting_month"].indexOf(kind.value) >= 0;
    document.querySelectorAll(".report-form .period-range").forEach(function (el) { el.classList.toggle("hidden", !range); });
    document.querySelectorAll(".report-form .period-n").forEach(function (el) { el.classList.toggle("hidden", !numbered); });
    var year = document.getElementById("r-year");
    if (year) { year.closest(".field").classList.toggle("hidden", range || campaign); }
  }
  kind.addEventListener("change", sync);
  var campaignSelect = document.getElementById("r-campaign");
  if (campaignSelect) {
    campaignSelect.addEventListener("change", function () {
      if (campaignSelect.value) { kind.value = "campaign"; sync(); }
    });
  }
  sync();
}());
