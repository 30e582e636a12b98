/* court-kiosk admin: upload progress, drag-to-reorder, confirmations, web address names filled from titles.
   No inline script anywhere (CSP). */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function mb(bytes) { return (bytes / 1048576).toFixed(1) + " MB"; }

  // Replace the page with the server's answer (a form with its errors) and wire it up again.
  function showPage(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    document.title = doc.title;
    document.body.replaceWith(document.adoptNode(doc.body));
    init(document);
    var alert = document.querySelector('[role="alert"]');
    if (alert) { alert.scrollIntoView({block: "center"}); }
  }

  function initUpload(form) {
    form.addEventListener("submit", function (event) {
      var box = form.querySelector("[data-progress]");
      if (!box || !window.FormData || !window.XMLHttpRequest) { return; }
      // Refuse a file over the limit before sending it.
      var inputs = form.querySelectorAll('input[type="file"]');
      for (var i = 0; i < inputs.length; i++) {
        var limit = Number(inputs[i].getAttribute("data-limit") || 0);
        var file = inputs[i].files && inputs[i].files[0];
        if (file && limit && file.size > limit) {
          event.preventDefault();
          var text = box.querySelector(".progress-text");
          box.hidden = false;
          text.textContent = file.name + ": " + mb(file.size) + " > " + mb(limit);
          text.classList.add("error");
          return;
        }
      }
      event.preventDefault();
      var bar = box.querySelector("progress");
      var label = box.querySelector(".progress-text");
      var button = form.querySelector('button[type="submit"]');
      box.hidden = false;
      label.classList.remove("error");
      bar.value = 0;
      label.textContent = "0 %";
      if (button) { button.disabled = true; }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action") || window.location.href);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.setRequestHeader("X-CSRF-Token", csrfToken());
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          var pct = Math.floor(e.loaded * 100 / e.total);
          bar.value = pct;
          label.textContent = pct + " % (" + mb(e.loaded) + " / " + mb(e.total) + ")";
        }
      });
      xhr.upload.addEventListener("load", function () {
        bar.value = 100;
        label.textContent = box.getAttribute("data-checking") || "100 % …";
      });
      xhr.addEventListener("load", function () {
        var type = xhr.getResponseHeader("Content-Type") || "";
        if (type.indexOf("application/json") === 0) {
          var data = JSON.parse(xhr.responseText);
          if (data.redirect) { window.location.assign(data.redirect); return; }
          label.textContent = data.error || "";
          label.classList.add("error");
          if (button) { button.disabled = false; }
          return;
        }
        showPage(xhr.responseText);
      });
      xhr.addEventListener("error", function () {
        label.textContent = box.getAttribute("data-failed") || "Upload failed";
        label.classList.add("error");
        if (button) { button.disabled = false; }
      });
      xhr.send(new FormData(form));
    });
  }

  function initSortable(table) {
    var body = table.querySelector("tbody");
    var status = document.querySelector("[data-order-status]");
    var dragged = null;
    body.addEventListener("dragstart", function (e) {
      dragged = e.target.closest("tr");
      if (!dragged) { return; }
      dragged.classList.add("dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", dragged.getAttribute("data-id"));
    });
    body.addEventListener("dragover", function (e) {
      var row = e.target.closest("tr");
      if (!dragged || !row || row === dragged) { return; }
      e.preventDefault();
      body.querySelectorAll(".drop-target").forEach(function (r) { r.classList.remove("drop-target"); });
      row.classList.add("drop-target");
    });
    body.addEventListener("drop", function (e) {
      var row = e.target.closest("tr");
      if (!dragged || !row || row === dragged) { return; }
      e.preventDefault();
      var rows = Array.prototype.slice.call(body.children);
      if (rows.indexOf(dragged) < rows.indexOf(row)) { row.after(dragged); } else { row.before(dragged); }
      save();
    });
    body.addEventListener("dragend", function () {
      if (dragged) { dragged.classList.remove("dragging"); }
      body.querySelectorAll(".drop-target").forEach(function (r) { r.classList.remove("drop-target"); });
      dragged = null;
    });
    function renumber() {
      var rows = body.children;
      for (var i = 0; i < rows.length; i++) {
        var up = rows[i].querySelector('button[value="up"]');
        var down = rows[i].querySelector('button[value="down"]');
        var top = rows[i].querySelector('button[value="top"]');
        if (up) { up.disabled = i === 0; }
        if (top) { top.disabled = i === 0; }
        if (down) { down.disabled = i === rows.length - 1; }
      }
    }
    function save() {
      var ids = Array.prototype.map.call(body.children, function (r) { return r.getAttribute("data-id"); });
      var xhr = new XMLHttpRequest();
      xhr.open("POST", table.getAttribute("data-order-url"));
      xhr.setRequestHeader("Content-Type", "application/json");
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.setRequestHeader("X-CSRF-Token", csrfToken());
      xhr.addEventListener("load", function () {
        var data = {};
        try { data = JSON.parse(xhr.responseText); } catch (err) { data = {error: xhr.statusText}; }
        if (status) {
          status.textContent = data.message || data.error || "";
          status.classList.toggle("error", !data.ok);
        }
        if (data.ok) { renumber(); }
      });
      xhr.send(JSON.stringify({ids: ids}));
    }
  }

  function initConfirm(form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  }

  // Lowercase text with Cyrillic letters in Latin, the way admin_server/slugs.py does it (the same table comes
  // from the page): letters of the table, other letters without their marks; what has no Latin form is
  // dropped, or kept as it is with `keep` (for the server to name it).
  function latin(text, table, keep) {
    var out = "";
    Array.from(text.normalize("NFC").toLowerCase()).forEach(function (c) {
      if (Object.prototype.hasOwnProperty.call(table, c)) { out += table[c]; return; }
      var base = c.normalize("NFKD").replace(/\p{M}/gu, "");
      out += base !== "" && /^[\x00-\x7f]*$/.test(base) ? base : (keep ? c : "");
    });
    return out;
  }

  function slugify(text, table, max) {
    var slug = latin(text, table).replace(/[^a-z0-9]+/g, "-");
    if (slug.length > max) {
      slug = slug.slice(0, max);
      if (slug.lastIndexOf("-") >= Math.floor(max / 2)) { slug = slug.slice(0, slug.lastIndexOf("-")); }
    }
    return slug.replace(/^-+|-+$/g, "");
  }

  // The name follows the title (the first language of data-title-order that has one) until it is edited by
  // hand; Cyrillic typed into it turns Latin when the field is left. The server does the same on saving.
  function initSlug(input) {
    var form = input.form;
    var table = JSON.parse(input.getAttribute("data-translit"));
    var max = Number(input.getAttribute("data-max-length"));
    var titles = input.getAttribute("data-title-order").split(" ").map(function (lang) {
      return form.elements[input.getAttribute("data-slug-from") + "." + lang];
    }).filter(Boolean);
    function fromTitle() {
      var filled = titles.filter(function (t) { return t.value.trim() !== ""; })[0];
      return filled ? slugify(filled.value, table, max) : "";
    }
    var byHand = input.value.trim() !== "" && input.value !== fromTitle();
    function follow() { if (!byHand) { input.value = fromTitle(); } }
    titles.forEach(function (t) { t.addEventListener("input", follow); });
    input.addEventListener("input", function () { byHand = input.value.trim() !== ""; });
    input.addEventListener("change", function () {
      input.value = latin(input.value.trim(), table, true).replace(/[\s_]+/g, "-").replace(/-{2,}/g, "-")
        .replace(/^-+|-+$/g, "");
    });
    follow();
  }

  function init(root) {
    root.querySelectorAll("form[data-upload]").forEach(initUpload);
    root.querySelectorAll("table[data-sortable]").forEach(initSortable);
    root.querySelectorAll("form[data-confirm]").forEach(initConfirm);
    root.querySelectorAll("input[data-slug-from]").forEach(initSlug);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
}());
