// Case pages: the creation form shows the party fields of the chosen kind only.
(function () {
  "use strict";
  function partyKind(form) {
    var checked = form.querySelector("input[name=party_kind]:checked");
    var kind = checked ? checked.value : "enterprise";
    form.querySelectorAll("[data-party]").forEach(function (el) {
      el.hidden = el.getAttribute("data-party").split(" ").indexOf(kind) < 0;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("case-create");
    if (!form) return;
    // after the draft script restored the fields
    setTimeout(function () { partyKind(form); }, 0);
    form.addEventListener("change", function (e) {
      if (e.target && e.target.name === "party_kind") partyKind(form);
    });
  });
})();
