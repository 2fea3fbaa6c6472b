// Beside the recurrence widget: the series in words and its next ten dates, cancelled and moved ones
// marked, updated while the editor changes the rule, the times or the changes to single meetings.
(function () {
  "use strict";

  function ready(callback) {
    if (document.readyState !== "loading") callback();
    else document.addEventListener("DOMContentLoaded", callback);
  }

  ready(function () {
    var textarea = document.getElementById("id_recurrence");
    var form = textarea && textarea.form;
    var config = document.querySelector("template[data-recurrence-preview-url]");
    if (!textarea || !form || !config) return;
    var url = config.dataset.recurrencePreviewUrl;

    var panel = document.createElement("section");
    panel.className = "recurrence-preview";
    panel.setAttribute("aria-live", "polite");
    panel.setAttribute("aria-label", config.dataset.heading);
    panel.tabIndex = 0;  // a scrollable region of fixed height (see recurrence-admin.css)
    var widget = textarea.parentNode.querySelector(".recurrence-widget") || textarea;
    widget.parentNode.insertBefore(panel, widget.nextSibling);

    var last = "";
    var timer = null;

    function state() {
      var data = new FormData(form);
      var keep = new URLSearchParams();
      data.forEach(function (value, name) {
        if (typeof value !== "string") return;
        if (/^(start_date|start_time|end_time|duration_days|recurrence|csrfmiddlewaretoken)$/.test(name) ||
            /^changes-/.test(name)) keep.append(name, value);
      });
      return keep.toString();
    }

    function render(result) {
      panel.textContent = "";
      var heading = document.createElement("h3");
      heading.textContent = config.dataset.heading;
      panel.appendChild(heading);
      if (result.summary) {
        var summary = document.createElement("p");
        summary.className = "recurrence-preview__summary";
        summary.textContent = result.summary;
        panel.appendChild(summary);
      }
      (result.problems || []).forEach(function (text) {
        var problem = document.createElement("p");
        problem.className = "recurrence-preview__problem";
        problem.setAttribute("role", "alert");
        problem.textContent = text;
        panel.appendChild(problem);
      });
      if (result.dates && result.dates.length) {
        var list = document.createElement("ol");
        list.className = "recurrence-preview__dates";
        result.dates.forEach(function (item) {
          var entry = document.createElement("li");
          entry.className = "recurrence-preview__date is-" + item.status;
          entry.textContent = item.label;
          if (item.status !== "scheduled") {
            var mark = document.createElement("span");
            mark.className = "recurrence-preview__status";
            mark.textContent = " – " + (item.status === "cancelled" ? config.dataset.cancelled : item.note);
            entry.appendChild(mark);
          }
          list.appendChild(entry);
        });
        panel.appendChild(list);
      }
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
        .then(function (result) { if (result) render(result); })
        .catch(function () { /* the preview is a help; the form works without it */ });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("click", schedule);
    // The widget writes its rule into the hidden textarea without an event of its own.
    setInterval(refresh, 1000);
    refresh();
  });
})();
