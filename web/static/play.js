// Progressive enhancement of the role-play form: without JavaScript the form posts and the page reloads.
(function () {
  // A page restored from the back-forward cache may show a session as it was; load it as it is.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.reload();
  });
  const form = document.getElementById("reply-form");
  if (!form) return;
  const chat = document.getElementById("chat");
  const box = document.getElementById("reply");
  const live = document.getElementById("feedback");
  const meter = document.getElementById("temperature");
  const exam = form.dataset.exam === "true";
  const t = JSON.parse(form.dataset.text || "{}"); // the page's language: see web/i18n.py

  function add(cls, who, text) {
    const li = document.createElement("li");
    li.className = cls;
    if (who) {
      const span = document.createElement("span");
      span.className = "who";
      span.textContent = who;
      li.appendChild(span);
      li.appendChild(document.createTextNode(" "));
    }
    li.appendChild(document.createTextNode(text));
    chat.appendChild(li);
  }

  function describe(score) {
    const points = score.key_points || [];
    const got = points.filter((p) => p.captured).map((p) => p.text);
    const missed = points.filter((p) => !p.captured).map((p) => p.text);
    const parts = [score.feedback];
    if (got.length) parts.push(t.captured + " " + got.join("; ") + ".");
    if (missed.length) parts.push(t.missed + " " + missed.join("; ") + ".");
    const warn = (score.flags || []).filter((f) => f === "rebuttal" || f === "premature_solution");
    if (warn.length) parts.push(t.watch_out + " " + warn.join(", ").replace("_", " ") + ".");
    return parts.join(" ");
  }

  const PRAISED = ["understood", "future", "proposal"];
  const finish = document.getElementById("finish");
  let sending = false;

  // Ending is a POST after a confirmation; without JavaScript the link opens a confirmation page.
  if (finish) {
    finish.addEventListener("click", function (event) {
      event.preventDefault();
      if (!window.confirm(t.confirm_end)) return;
      const end = document.createElement("form");
      end.method = "post";
      end.action = "/play/" + form.dataset.session + "/end";
      const token = document.createElement("input");
      token.type = "hidden";
      token.name = "csrf";
      token.value = form.elements.csrf.value;
      end.appendChild(token);
      document.body.appendChild(end);
      end.submit();
    });
  }

  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  function busy(on) {
    const button = form.querySelector("button[type=submit]");
    sending = on;
    form.setAttribute("aria-busy", on ? "true" : "false");
    if (button) {
      button.disabled = on;
      button.classList.toggle("busy", on);
    }
    if (on) live.textContent = t.scoring;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const reply = box.value.trim();
    if (!reply || sending) return;
    busy(true);
    try {
      const response = await fetch("/api/v1/sessions/" + form.dataset.session + "/turns", {
        method: "POST",
        headers: { "content-type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ reply: reply, moment: Number(form.elements.moment.value) }),
      });
      const body = await response.json();
      if (response.status === 409) {
        window.location.reload(); // answered already (a double submit) or ended: show what was accepted
        return;
      }
      if (!response.ok) {
        live.textContent = (body.error && body.error.message) || t.not_sent;
        return;
      }
      form.elements.moment.value = body.turn.moment + 1; // a resubmit of this reply gets it back, not a copy
      add("msg you", t.you, reply);
      live.textContent = "";
      if (!exam && body.turn.score) {
        const tone = PRAISED.includes(body.turn.outcome) ? "praise" : "warn";
        add("feedback " + tone, null, body.turn.score.feedback);
        live.textContent = describe(body.turn.score);
      }
      add("msg client", form.dataset.client, body.client.text);
      meter.value = body.client.temperature;
      meter.setAttribute("aria-valuetext", body.client.temperature + " " + t.out_of);
      document.getElementById("temperature-value").textContent = body.client.temperature;
      box.value = "";
      if (body.phase === "ended") {
        const p = document.createElement("p");
        p.className = "ended";
        p.id = "ended";
        const link = document.createElement("a");
        link.href = "/debrief/" + form.dataset.session;
        link.textContent = t.see_debrief;
        p.appendChild(document.createTextNode(t.ended + ". "));
        p.appendChild(link);
        form.replaceWith(p);
      }
    } catch (error) {
      live.textContent = t.unreachable;
    } finally {
      busy(false);
      if (document.body.contains(box)) box.focus();
    }
  });
})();
