// QRIS / virtual account / e-wallet page: copy buttons, the expiry countdown, and polling of the
// order's status so the page turns to paid by itself. Without JavaScript the "check again" link
// does the same.
(function () {
  "use strict";
  var root = document.getElementById("payment");
  if (!root) return;

  document.querySelectorAll("button.copy").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        button.textContent = "✓";
      });
    });
  });

  var countdown = document.getElementById("countdown");
  if (countdown) {
    var deadline = new Date(countdown.dataset.expires).getTime();
    var tick = function () {
      var left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
      if (left === 0) {
        countdown.textContent = countdown.dataset.expiredText;
        return;
      }
      var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
      countdown.textContent = "(" + (h ? h + ":" : "") + String(m).padStart(2, "0") + ":" +
        String(s).padStart(2, "0") + ")";
      window.setTimeout(tick, 1000);
    };
    tick();
  }

  var statusUrl = root.dataset.statusUrl;
  var box = document.getElementById("online-payment");
  if (!statusUrl || !box) return;
  var poll = function () {
    fetch(statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.paid) {
          document.getElementById("payment-status").textContent = box.dataset.paidText;
          window.location.reload();
        } else if (data.payable) {
          window.setTimeout(poll, 3000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  };
  window.setTimeout(poll, 3000);
})();
