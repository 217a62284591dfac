/* Drafts on the server: a composer's text is saved a few seconds after typing stops and when
 * the page is left (or hidden, as phones do before closing a tab). Without this script the
 * composer's "Save draft" button does the same. Messages come from the server or from the
 * page (translated there); nothing here is shown in English only. */
(function () {
  "use strict";

  var DELAY_MS = 2000;

  function setUp(form) {
    var url = form.getAttribute("data-draft-save");
    var status = form.querySelector("[data-draft-status]");
    var timer = null;
    var dirty = false;
    var submitting = false;

    function payload() {
      var data = new FormData(form);
      data.delete("confirm_personal_info");
      data.delete("preview");
      data.set("autosave", "1");
      return data;
    }

    function show(text) {
      if (status && text) {
        status.textContent = text;
      }
    }

    function save() {
      timer = null;
      if (!dirty || submitting) {
        return;
      }
      dirty = false;
      fetch(url, { method: "POST", body: payload(), credentials: "same-origin" })
        .then(function (response) {
          return response.json().then(function (body) {
            if (response.ok) {
              show(body.status);
            } else {
              dirty = true;
              show(body.error);
            }
          });
        })
        .catch(function () {
          dirty = true;
          show(status && status.getAttribute("data-draft-offline"));
        });
    }

    function saveOnLeave() {
      if (!dirty || submitting) {
        return;
      }
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      dirty = false;
      // Queued by the browser and sent even as the page goes away.
      if (!navigator.sendBeacon(url, payload())) {
        fetch(url, { method: "POST", body: payload(), credentials: "same-origin", keepalive: true });
      }
    }

    form.addEventListener("input", function () {
      dirty = true;
      if (timer !== null) {
        clearTimeout(timer);
      }
      timer = setTimeout(save, DELAY_MS);
    });
    form.addEventListener("submit", function () {
      // Posting (or the Save draft button) takes the text to the server itself; a draft saved
      // after the post would come back as a ghost.
      submitting = true;
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
    });
    if (form.hasAttribute("data-draft-unsaved")) {
      // The server sent the text back (a refusal, a preview): keep it as the draft too.
      dirty = true;
      timer = setTimeout(save, DELAY_MS);
    }
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        submitting = false;
      }
    });
    window.addEventListener("pagehide", saveOnLeave);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        saveOnLeave();
      }
    });
  }

  document.querySelectorAll("form[data-draft-save]").forEach(setUp);
})();
