// Stripe Payment Element on the order's payment page. The browser only hands the card to
// Stripe; the order becomes paid when the server hears from Stripe, never from this script.
(function () {
  "use strict";
  var form = document.getElementById("card-form");
  if (!form || typeof Stripe === "undefined") { return; }
  var stripe = Stripe(form.dataset.publishableKey);
  var elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
  var paymentElement = elements.create("payment");
  paymentElement.mount("#payment-element");
  var message = document.getElementById("card-message");
  var button = document.getElementById("card-submit");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    stripe.confirmPayment({
      elements: elements,
      confirmParams: { return_url: form.dataset.returnUrl }
    }).then(function (result) {
      if (result.error) {
        message.textContent = result.error.message;
        button.disabled = false;
      }
    });
  });
}());
