/*
 * mkdocs-jekyll: Minimal Mistakes' "greedy navigation" for the masthead
 * (partials/jekyll/masthead.html), without jQuery and without any request.
 *
 * The menu links stay in the row while they fit; the ones that do not move, last first, to
 * the "more" list under the toggle button, which shows how many it holds. Resizing the
 * window puts them back where they fit.
 */
(function () {
  "use strict";
  var nav = document.querySelector(".jekyll-masthead .greedy-nav");
  if (!nav) return;
  var visible = nav.querySelector(".visible-links");
  var hidden = nav.querySelector(".hidden-links");
  var toggle = nav.querySelector(".greedy-nav__toggle");
  if (!visible || !hidden || !toggle) return;
  var items = Array.prototype.slice.call(visible.children);

  function used() {
    var width = 0;
    for (var i = 0; i < visible.children.length; i++) {
      width += visible.children[i].getBoundingClientRect().width;
    }
    return width;
  }

  function close() {
    hidden.classList.add("hidden");
    toggle.classList.remove("close");
    toggle.setAttribute("aria-expanded", "false");
  }

  function update() {
    items.forEach(function (item) { visible.appendChild(item); });
    toggle.hidden = true;
    if (used() <= visible.clientWidth + 0.5) {
      toggle.removeAttribute("data-count");
      close();
      return;
    }
    toggle.hidden = false;
    var moved = 0;
    while (visible.children.length && used() > visible.clientWidth + 0.5) {
      hidden.insertBefore(visible.lastElementChild, hidden.firstChild);
      moved += 1;
    }
    toggle.setAttribute("data-count", String(moved));
  }

  toggle.addEventListener("click", function () {
    var opening = hidden.classList.contains("hidden");
    hidden.classList.toggle("hidden", !opening);
    toggle.classList.toggle("close", opening);
    toggle.setAttribute("aria-expanded", opening ? "true" : "false");
  });
  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) close();
  });
  window.addEventListener("resize", update);
  update();
})();
