// almen serve: the result beside the form, worked out again by the server
// at every change. Without this script the form still works: "Beregn"
// posts it and the page comes back with the result.
"use strict";
(function () {
  var form = document.getElementById("form");
  var result = document.getElementById("result");
  if (!form || !result || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var timer = null;
  var asked = 0;

  function update() {
    var data = new URLSearchParams(new FormData(form));
    data.set("action", "score");
    data.set("fragment", "1");
    var mine = ++asked;
    fetch("/", {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        // Only the answer to the latest change is shown.
        if (!answer || mine !== asked) {
          return;
        }
        result.innerHTML = answer.result;
        var hints = document.querySelectorAll("[data-hint]");
        for (var i = 0; i < hints.length; i++) {
          var prefix = hints[i].getAttribute("data-hint");
          if (Object.prototype.hasOwnProperty.call(answer.hints, prefix)) {
            hints[i].textContent = answer.hints[prefix];
          }
        }
      })
      .catch(function () {});
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  }

  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
})();
