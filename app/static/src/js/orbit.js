// Orbit's own JavaScript. Every page works without it; this only makes things quicker and kinder.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("orbit-js");

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Exit this page: the button, or Shift pressed three times within five seconds.
  var exiting = false;

  function stopSpeaking() {
    if (window.speechSynthesis) window.speechSynthesis.cancel();
  }

  function exitNow() {
    var form = document.getElementById("orbit-exit-form");
    if (!form || exiting) return;
    stopSpeaking();
    exiting = true; // once: a second submit would cancel the first on its way out
    document.body.style.visibility = "hidden";
    document.title = "Loading";
    form.submit();
  }

  // Only Shift pressed on its own counts: Shift+Tab (moving back with the keyboard) or typing a capital letter
  // must never throw someone out of the page, and any other key starts the count again.
  var shiftPresses = [];
  var shiftWithOtherKey = false;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) shiftWithOtherKey = false;
      return;
    }
    shiftWithOtherKey = true;
    shiftPresses = [];
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || shiftWithOtherKey || !document.getElementById("orbit-exit-form")) return;
    var now = Date.now();
    shiftPresses = shiftPresses.filter(function (at) { return now - at < 5000; });
    shiftPresses.push(now);
    if (shiftPresses.length >= 3) exitNow();
  });

  document.addEventListener("submit", function (event) {
    if (event.target && event.target.id === "orbit-exit-form") {
      stopSpeaking();
      document.body.style.visibility = "hidden";
    }
  });

  // Keep focused things clear of the sticky safety bar: scroll padding as tall as the bar, whatever its wrapping.
  var safetyBar = document.querySelector(".orbit-safety-bar");
  function padForSafetyBar() {
    var sticky = window.getComputedStyle(safetyBar).position === "sticky";
    root.style.scrollPaddingTop = sticky ? safetyBar.offsetHeight + 8 + "px" : "0px";
  }
  if (safetyBar) {
    padForSafetyBar();
    if (window.ResizeObserver) new ResizeObserver(padForSafetyBar).observe(safetyBar);
    window.addEventListener("resize", padForSafetyBar);
  }

  // Session warning: two minutes before the session ends, offer one button to stay signed in.
  var body = document.body;
  var expiresAt = body.getAttribute("data-session-expires");
  var warningPanel = document.getElementById("orbit-session-warning");
  var warnTimer = null;
  var endTimer = null;

  // Typing counts as being there, as opening a page does: someone writing slowly must not have the page taken
  // away, words and all. When the warning is due and they have typed since the session was last extended, it is
  // extended quietly instead, and the focus stays where they are typing.
  var typedSinceExtended = false;
  var keepSignedIn = null;

  document.addEventListener("input", function (event) {
    if (event.target.form) typedSinceExtended = true;
  });

  function schedule(expiry) {
    typedSinceExtended = false;
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    var warningMs = parseInt(body.getAttribute("data-session-warning") || "120", 10) * 1000;
    var left = new Date(expiry).getTime() - Date.now();
    warnTimer = setTimeout(showWarning, Math.max(0, left - warningMs));
    endTimer = setTimeout(function () {
      window.location.replace(body.getAttribute("data-session-ended-url") || "/");
    }, Math.max(0, left));
  }

  var focusBeforeWarning = null;

  function showWarning() {
    if (typedSinceExtended && keepSignedIn) {
      keepSignedIn().catch(function () { typedSinceExtended = false; showWarning(); });
      return;
    }
    if (!warningPanel || !warningPanel.hidden) return;
    focusBeforeWarning = document.activeElement;
    warningPanel.hidden = false;
    var button = warningPanel.querySelector("button");
    if (button) button.focus();
  }

  if (expiresAt && warningPanel) {
    schedule(expiresAt);
    var form = warningPanel.querySelector("form");
    keepSignedIn = function () {
      return fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() },
      })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response); })
        .then(function (data) { schedule(data.expires_at); });
    };
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      keepSignedIn()
        .then(function () {
          warningPanel.hidden = true;
          // Back to where they were, so keyboard and screen reader users do not lose their place.
          if (focusBeforeWarning && focusBeforeWarning !== document.body && focusBeforeWarning.focus) {
            focusBeforeWarning.focus();
          }
        })
        .catch(function () { form.submit(); });
    });
  }

  // htmx requests carry the CSRF token like forms do.
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = csrfToken();
  });

  // Move focus to the error summary so screen reader users hear what went wrong.
  var summary = document.querySelector(".govuk-error-summary");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
  // A queue that refreshes itself (hx-trigger "every 30s", swapped whole) must not take the keyboard focus with
  // it: whoever was on a row's link is put back on the same link, or on the queue's heading if that row has gone.
  // Without this, focus fell to the top of the page every 30 seconds and the next Tab went to the footer.
  var refocus = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail && event.detail.target;
    var focused = document.activeElement;
    refocus = null;
    if (!target || !target.id || !focused || focused === document.body || !target.contains(focused)) return;
    refocus = { id: target.id, href: focused.getAttribute("href") };
  });
  document.addEventListener("htmx:afterSettle", function () {
    var wanted = refocus;
    refocus = null;
    var queue = wanted && document.getElementById(wanted.id);
    if (!queue || queue.contains(document.activeElement)) return;
    var again = null;
    var links = queue.querySelectorAll("a[href]");
    for (var i = 0; i < links.length && wanted.href; i++) {
      if (links[i].getAttribute("href") === wanted.href) { again = links[i]; break; }
    }
    if (!again) {
      again = queue.querySelector("h1, h2");
      if (again) again.setAttribute("tabindex", "-1");
    }
    if (again) again.focus({ preventScroll: true });
  });

  // Changing language in the middle of writing: a draft form that saves as you type (hx-post) is saved once more
  // before going to the language page, so nothing typed in the last second is lost. Drafts live on the server.
  var changedDrafts = [];
  document.addEventListener("input", function (event) {
    var form = event.target && event.target.closest ? event.target.closest("form[hx-post]") : null;
    if (form && changedDrafts.indexOf(form) < 0) changedDrafts.push(form);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail && event.detail.elt;
    var at = changedDrafts.indexOf(form);
    if (at >= 0 && event.detail.successful) changedDrafts.splice(at, 1);
  });
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[data-orbit-language]") : null;
    if (!link || !changedDrafts.length || !window.fetch) return;
    event.preventDefault();
    var saves = changedDrafts.map(function (form) {
      return window.fetch(form.getAttribute("hx-post"), {
        method: "POST",
        body: new FormData(form),
        headers: { "HX-Request": "true" },
        credentials: "same-origin",
        keepalive: true,
      }).catch(function () { return null; });
    });
    Promise.all(saves).then(function () { window.location.href = link.href; });
  });

  // Listen: read <main> aloud with the browser's own speech (Web Speech API), in the page's language. The
  // controls are a <template> until a voice for that language is found; voices can arrive after the page loads.
  function setUpListen() {
    var template = document.getElementById("orbit-listen-template");
    var synth = window.speechSynthesis;
    if (!template || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;
    var lang = (root.getAttribute("lang") || "en").toLowerCase();
    var primary = lang.split("-")[0];

    function voiceFor() {
      var near = null;
      var voices = synth.getVoices() || [];
      for (var i = 0; i < voices.length; i++) {
        var tag = String(voices[i].lang || "").toLowerCase().replace("_", "-");
        if (tag === lang) return voices[i];
        if (!near && tag.split("-")[0] === primary) near = voices[i];
      }
      return near;
    }

    var shown = false;
    function show() {
      var voice = voiceFor();
      if (shown || !voice) return;
      shown = true;
      var box = template.content.firstElementChild.cloneNode(true);
      template.parentNode.insertBefore(box, template);
      wire(box, voice);
    }

    function wire(box, voice) {
      var start = box.querySelector(".orbit-listen__start");
      var pause = box.querySelector(".orbit-listen__pause");
      var stop = box.querySelector(".orbit-listen__stop");
      var status = box.querySelector(".orbit-listen__status");
      var pauseText = pause.textContent;
      var state = "idle";

      function set(next, message) {
        state = next;
        start.setAttribute("aria-pressed", next === "idle" ? "false" : "true");
        pause.disabled = next === "idle";
        stop.disabled = next === "idle";
        pause.setAttribute("aria-pressed", next === "paused" ? "true" : "false");
        pause.textContent = next === "paused" ? pause.getAttribute("data-paused-text") : pauseText;
        status.textContent = message ? status.getAttribute("data-" + message) : "";
      }

      function chunks() {
        var main = document.getElementById("main-content");
        var text = main ? main.innerText : "";
        // Short pieces: some browsers stop a long utterance part way through.
        return text.split(/\n+/).map(function (line) { return line.trim(); }).filter(Boolean);
      }

      start.addEventListener("click", function () {
        if (state !== "idle") return;
        synth.cancel();
        var pieces = chunks();
        if (!pieces.length) return;
        set("reading", "reading");
        pieces.forEach(function (piece, index) {
          var utterance = new window.SpeechSynthesisUtterance(piece);
          utterance.lang = voice.lang || lang;
          utterance.voice = voice;
          if (index === pieces.length - 1) {
            utterance.onend = function () { if (state === "reading") set("idle", "done"); };
          }
          synth.speak(utterance);
        });
      });
      pause.addEventListener("click", function () {
        if (state === "reading") {
          synth.pause();
          set("paused", "paused");
        } else if (state === "paused") {
          synth.resume();
          set("reading", "reading");
        }
      });
      stop.addEventListener("click", function () {
        synth.cancel();
        set("idle", "stopped");
        start.focus();
      });
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && state !== "idle") {
          synth.cancel();
          set("idle", "stopped");
        }
      });
    }

    show();
    if (!shown) {
      if (synth.addEventListener) synth.addEventListener("voiceschanged", show);
      else synth.onvoiceschanged = show;
    }
    window.addEventListener("pagehide", stopSpeaking);
  }
  setUpListen();
})();
