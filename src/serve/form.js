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

  // The municipalities: a field more on request; and a changed list
  // comes back from the server as a page, with a block of fields for each
  // municipality where an item is answered for each.
  var list = document.getElementById("municipalities");
  if (list) {
    var names = function () {
      var fields = list.querySelectorAll("input");
      var out = [];
      for (var i = 0; i < fields.length; i++) {
        if (fields[i].value.trim()) {
          out.push(fields[i].value.trim());
        }
      }
      return out.join("\n");
    };
    var shown = names();
    var add = document.createElement("button");
    add.type = "button";
    add.textContent = list.getAttribute("data-add");
    add.addEventListener("click", function () {
      var fields = list.querySelectorAll("input");
      var field = document.createElement("input");
      field.name = "org.municipality." + fields.length;
      fields[fields.length - 1].after(field);
      field.focus();
    });
    list.appendChild(add);
    list.addEventListener("change", function () {
      var score = form.querySelector("button[value=score]");
      if (names() !== shown && score) {
        score.click();
      }
    });
  }

  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
})();
