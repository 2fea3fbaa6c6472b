// One click from the e-mail: the page's only form sends itself in a browser. Link scanners that
// open the link without running scripts change nothing (the change needs the POST).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-autosubmit]");
  if (form && !sessionStorage.getItem("autosubmitted:" + location.pathname)) {
    sessionStorage.setItem("autosubmitted:" + location.pathname, "1");
    form.submit();
  }
});
