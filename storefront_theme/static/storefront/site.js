/* Small enhancements; every page works without them. */
(function () {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    var button = select.form && select.form.querySelector("button[type=submit]");
    if (button) button.classList.add("sr");
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Address: province -> kabupaten/kota -> kecamatan, filled from the region data.
  function fill(select, items, placeholder) {
    select.innerHTML = "";
    var first = document.createElement("option");
    first.value = ""; first.textContent = placeholder;
    select.appendChild(first);
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.code; option.textContent = item.name;
      select.appendChild(option);
    });
  }
  document.querySelectorAll("select[data-children]").forEach(function (parent) {
    var child = document.getElementById(parent.getAttribute("data-children"));
    if (!child) return;
    parent.addEventListener("change", function () {
      var url = parent.getAttribute("data-url") + "?parent=" + encodeURIComponent(parent.value);
      var placeholder = child.options.length ? child.options[0].textContent : "";
      fill(child, [], placeholder);
      child.dispatchEvent(new Event("change"));
      if (!parent.value) return;
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { fill(child, data.results, placeholder); });
    });
  });
})();
