// The scenario editor: YAML highlighting (CodeMirror, served locally), Form/YAML tabs, and live validation by
// the server's own validator. Without JavaScript both views show and the form posts as it is.
(function () {
  const form = document.getElementById("editor");
  if (!form) return;
  const csrf = form.querySelector("input[name=csrf]").value;
  const list = document.getElementById("problems");
  const formView = document.getElementById("form-view");
  const yamlView = document.getElementById("yaml-view");
  const area = document.getElementById("yaml");
  const cm = window.CodeMirror
    ? window.CodeMirror.fromTextArea(area, { mode: "yaml", lineNumbers: true, gutters: ["problems", "CodeMirror-linenumbers"], viewportMargin: Infinity })
    : null;
  let marked = [];

  function mode() {
    return form.querySelector("input[name=mode]:checked").value;
  }

  function body(asMode) {
    if (cm) cm.save();
    const data = new FormData(form);
    data.set("csrf", csrf);
    data.set("mode", asMode);
    return data;
  }

  function show(problems) {
    list.replaceChildren();
    form.querySelectorAll(".field-errors").forEach((ul) => ul.replaceChildren());
    if (cm) {
      marked.forEach((line) => { cm.setGutterMarker(line, "problems", null); cm.removeLineClass(line, "background", "cm-problem"); });
      marked = [];
    }
    if (!problems.length) {
      const li = document.createElement("li");
      li.className = "ok";
      li.textContent = "None: it validates.";
      list.appendChild(li);
    }
    problems.forEach((p) => {
      const li = document.createElement("li");
      li.dataset.field = p.field;
      li.textContent = (p.line ? "line " + p.line + " · " : "") + (p.field ? p.field + ": " : "") + p.message;
      list.appendChild(li);
      const box = fieldFor(p.field);
      if (box) {
        const item = document.createElement("li");
        item.textContent = p.message;
        box.querySelector(".field-errors").appendChild(item);
      }
      if (cm && p.line) {
        const line = p.line - 1;
        const dot = document.createElement("span");
        dot.className = "cm-problem-marker";
        dot.textContent = "●";
        dot.title = p.message;
        cm.setGutterMarker(line, "problems", dot);
        cm.addLineClass(line, "background", "cm-problem");
        marked.push(line);
      }
    });
  }

  // The form field a problem names, or the nearest one under the path it names (a missing item of a list).
  function fieldFor(path) {
    if (!path) return null;
    const all = Array.from(form.querySelectorAll(".field[data-field]"));
    return all.find((f) => f.dataset.field === path) || all.find((f) => f.dataset.field.startsWith(path + ".") || f.dataset.field.startsWith(path + "[")) || null;
  }

  let timer = null;
  let asked = 0;
  function validate(asMode, then) {
    const mine = ++asked;
    fetch(form.dataset.validate, { method: "POST", body: body(asMode || mode()), headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((result) => {
        if (then) then(result);
        if (mine === asked) show(result.problems); // else a later check is on its way
      })
      .catch(() => { formView.disabled = false; });
  }
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(validate, 500);
  }

  // Switching views carries the edits across: from the form, the server puts its values into the YAML; to the
  // form, the server reads the YAML's fields (a beat or key point added in YAML gets its inputs).
  // The YAML the form's inputs were drawn from: the form is redrawn only when the YAML changed since.
  let drawnFrom = area.value;
  function switchTo(next) {
    if (next === "yaml") {
      validate("form", (result) => {
        if (cm) cm.setValue(result.yaml); else area.value = result.yaml;
        drawnFrom = result.yaml;
      });
    } else {
      if (cm) cm.save();
      if (area.value !== drawnFrom) {
        formView.disabled = true; // no typing into inputs about to be redrawn
        validate("yaml", (result) => {
          rebuild(result.fields);
          drawnFrom = result.yaml;
          formView.disabled = false;
        });
      }
    }
    formView.hidden = next !== "form";
    yamlView.hidden = next !== "yaml";
    if (cm && next === "yaml") setTimeout(() => cm.refresh(), 0);
  }

  // The form's inputs, as web/templates/editor_field.html draws them.
  function rebuild(fields) {
    const holder = document.getElementById("form-fields");
    holder.replaceChildren();
    fields.forEach((f) => {
      const box = document.createElement("div");
      box.className = "field";
      box.dataset.field = f.path;
      const label = document.createElement("label");
      label.htmlFor = "f-" + f.path;
      label.textContent = f.label + " ";
      const hint = document.createElement("span");
      hint.className = "hint";
      hint.textContent = f.path;
      label.appendChild(hint);
      let input;
      if (f.kind === "long") {
        input = document.createElement("textarea");
        input.rows = 3;
      } else if (f.kind === "choice") {
        input = document.createElement("select");
        f.choices.forEach((c) => { const o = document.createElement("option"); o.textContent = c; input.appendChild(o); });
      } else {
        input = document.createElement("input");
      }
      input.id = "f-" + f.path;
      input.name = "f:" + f.path;
      input.value = f.value;
      const errors = document.createElement("ul");
      errors.className = "field-errors";
      box.append(label, input, errors);
      holder.appendChild(box);
    });
  }

  form.querySelectorAll("input[name=mode]").forEach((radio) => radio.addEventListener("change", () => switchTo(radio.value)));
  formView.hidden = mode() !== "form";
  yamlView.hidden = mode() !== "yaml";
  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
  if (cm) cm.on("change", soon);
})();
