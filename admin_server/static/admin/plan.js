// A room's position on its floor plan: click the picture to fill in the two fractions.
(function () {
  "use strict";
  function place(box, x, y) {
    var marker = box.querySelector(".plan-marker");
    if (x === "" || y === "" || isNaN(x) || isNaN(y)) { marker.hidden = true; return; }
    marker.style.left = (x * 100) + "%";
    marker.style.top = (y * 100) + "%";
    marker.hidden = false;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-plan-pick]");
    if (!box) { return; }
    var fx = document.getElementById("f-plan_x"), fy = document.getElementById("f-plan_y");
    place(box, parseFloat(box.dataset.x), parseFloat(box.dataset.y));
    box.querySelector("img").addEventListener("click", function (event) {
      var rect = event.target.getBoundingClientRect();
      var x = Math.round((event.clientX - rect.left) / rect.width * 1000) / 1000;
      var y = Math.round((event.clientY - rect.top) / rect.height * 1000) / 1000;
      if (fx && fy) { fx.value = x; fy.value = y; }
      place(box, x, y);
    });
  });
}());
