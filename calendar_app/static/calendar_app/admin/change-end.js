// Beside the new end time of each change to one meeting: where the change puts the meeting's end
// ("Ende danach: Dienstag, 11. Mai 2027, 13:00 Uhr"), updated while the office types. A new start
// without a new end keeps the meeting's length, so a two-day meeting's end moves with its start;
// the server words it (calendar_app.describe.end_after_change), as it does when the form comes back.
(function () {
  "use strict";

  function ready(callback) {
    if (document.readyState !== "loading") callback();
    else document.addEventListener("DOMContentLoaded", callback);
  }

  ready(function () {
    var total = document.getElementById("id_changes-TOTAL_FORMS");
    var form = total && total.form;
    var config = document.querySelector("template[data-change-end-url]");
    if (!form || !config) return;
    var url = config.dataset.changeEndUrl;
    var last = "";
    var timer = null;

    function state() {
      var keep = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (typeof value !== "string") return;
        if (/^(start_date|start_time|end_time|duration_days|csrfmiddlewaretoken)$/.test(name) ||
            /^changes-/.test(name)) keep.append(name, value);
      });
      return keep.toString();
    }

    function show(ends) {
      form.querySelectorAll("[data-change-end]").forEach(function (element) {
        var match = /^id_changes-(\d+)-new_end_time-end$/.exec(element.id);
        if (!match) return;  // the blank form of a change not added yet
        var text = ends[match[1]] || "";
        if (element.textContent !== text) element.textContent = text;
      });
    }

    function refresh() {
      var current = state();
      if (current === last) return;
      last = current;
      fetch(url, {
        method: "POST",
        body: current,
        headers: {"Content-Type": "application/x-www-form-urlencoded", "X-Requested-With": "fetch"},
        credentials: "same-origin",
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (result) { if (result && current === last) show(result.ends || {}); })
        .catch(function () { /* a help only: the form is checked when it is saved */ });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("click", schedule);  // a change added or deleted
    last = state();  // as the server wrote it beside each change
  });
})();
