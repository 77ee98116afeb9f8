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
  // Checkout: a chosen kabupaten/kota refreshes the order summary; the button still works.
  var summary = document.getElementById("checkout-summary");
  var regency = summary && document.getElementById("id_regency");
  var asked = 0;
  if (regency) regency.addEventListener("change", function () {
    var province = document.getElementById("id_province");
    // getAttribute: form.action would be the button named "action".
    var url = regency.form.getAttribute("action") + "?province=" +
      encodeURIComponent(province.value) + "&regency=" + encodeURIComponent(regency.value);
    var mine = ++asked;
    fetch(url, { headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html")
          .getElementById("checkout-summary");
        if (fresh && mine === asked) summary.innerHTML = fresh.innerHTML;
      })
      .catch(function () {});
  });
})();
