/* Progress of a background job (e.g. a Kolada import): polls the element's data-status-url (JSON with
   done, total, percent, label, text, message, finished) and updates the <progress> bar and the texts
   until the job has finished. No inline script: the Content-Security-Policy allows only this file. */
(function () {
  "use strict";
  function update(box, data) {
    var bar = box.querySelector("progress");
    bar.max = Math.max(data.total, 1);
    bar.value = data.done;
    bar.textContent = data.percent + " %";
    box.querySelector("[data-field=label]").textContent = data.label;
    box.querySelector("[data-field=text]").textContent = data.text;
    var message = box.querySelector("[data-field=message]");
    message.textContent = data.message;
    message.hidden = !data.message;
    box.setAttribute("data-state", data.state);
    if (data.finished) {
      box.setAttribute("aria-busy", "false");
      var done = box.querySelector("[data-field=finished]");
      if (done) { done.hidden = false; }
    }
  }
  function poll(box) {
    var url = box.getAttribute("data-status-url");
    var interval = parseInt(box.getAttribute("data-interval") || "1000", 10);
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        update(box, data);
        if (!data.finished) { window.setTimeout(function () { poll(box); }, interval); }
      })
      .catch(function () { window.setTimeout(function () { poll(box); }, interval * 3); });
  }
  document.querySelectorAll(".job-progress[data-status-url]").forEach(function (box) {
    if (box.getAttribute("aria-busy") === "true") { poll(box); }
  });
})();
