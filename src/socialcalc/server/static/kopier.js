// The copy button: shown only when JavaScript runs; without it the letter text is selected and copied by hand.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("kopier");
  if (!button) { return; }
  var box = document.getElementById(button.getAttribute("data-kopier"));
  var status = document.getElementById("kopieret");
  button.hidden = false;
  button.addEventListener("click", function () {
    var done = function () { status.textContent = "Brevteksten er kopieret."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(done, function () { box.select(); document.execCommand("copy"); done(); });
    } else {
      box.select(); document.execCommand("copy"); done();
    }
  });
});
