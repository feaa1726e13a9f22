// Keeps what was typed in a form (data-draft-key) in localStorage, restores it after a reload or a lost
// connection, and forgets it once the server has accepted the form.
(function () {
  "use strict";
  function init(form) {
    var key = "draft:" + form.getAttribute("data-draft-key");
    var notice = document.getElementById(form.getAttribute("data-draft-notice") || "");
    function fields() { return form.querySelectorAll("input[name], textarea[name], select[name]"); }
    function save() {
      var data = {};
      fields().forEach(function (el) {
        if (el.type === "file" || el.type === "hidden" || el.name === "csrfmiddlewaretoken") return;
        if (el.type === "radio" || el.type === "checkbox") { if (el.checked) data[el.name] = el.value; }
        else data[el.name] = el.value;
      });
      try { localStorage.setItem(key, JSON.stringify({saved: Date.now(), data: data})); } catch (e) { /* full */ }
    }
    function restore() {
      var raw = null;
      try { raw = localStorage.getItem(key); } catch (e) { return; }
      if (!raw) return;
      var data = (JSON.parse(raw) || {}).data || {};
      var restored = false;
      fields().forEach(function (el) {
        if (!(el.name in data)) return;
        if (el.type === "radio" || el.type === "checkbox") {
          var on = data[el.name] === el.value;
          if (el.checked !== on) { el.checked = on; restored = true; }
        } else if (el.type !== "file" && el.value !== data[el.name]) { el.value = data[el.name]; restored = true; }
      });
      if (restored && notice) notice.classList.add("show");
    }
    restore();
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function () {
      // the answer page carries #draft-saved when the server accepted the form
      try { sessionStorage.setItem("draft-submitted", key); } catch (e) { /* ignore */ }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var done = null;
    try { done = sessionStorage.getItem("draft-submitted"); } catch (e) { /* ignore */ }
    if (done && document.getElementById("draft-saved")) {
      try { localStorage.removeItem(done); sessionStorage.removeItem("draft-submitted"); } catch (e) { /* ignore */ }
    }
    document.querySelectorAll("form[data-draft-key]").forEach(init);
  });
})();
