// The web editor (/admin/). Loaded after decap-cms.js (CMS, h,
// createClass) and typographie.js; starts Decap at its end:
// - Decap's French as the site words it, typeset like the site;
// - the form refuses, before saving, what the validation refuses: the
//   rules come from plugins/web_editor/core.py (editor_rules, in the
//   page as JSON), never written here;
// - « Publier » with a refused value says so and puts the cursor in the
//   first field to correct (Decap says nothing and throws);
// - interviewees as a list of person + role + organisation;
// - the preview pane with the site's stylesheet and typography.
(function () {
  "use strict";
  var script = document.currentScript;
  var RULES = JSON.parse(document.getElementById("regles-editeur").textContent);
  var typo = window.typographie;

  // --- Decap's words ------------------------------------------------------
  function typesetPhrases(node) {
    Object.keys(node).forEach(function (key) {
      if (typeof node[key] === "string") node[key] = typo.texte(node[key]);
      else if (node[key] && typeof node[key] === "object") typesetPhrases(node[key]);
    });
    return node;
  }
  var phrases = JSON.parse(JSON.stringify(CMS.getLocale("fr")));
  Object.keys(RULES.phrases).forEach(function (path) {
    var keys = path.split(".");
    var node = phrases;
    keys.slice(0, -1).forEach(function (key) {
      node = node[key] = node[key] || {};
    });
    node[keys[keys.length - 1]] = RULES.phrases[path];
  });
  CMS.registerLocale("fr", typesetPhrases(phrases));

  // --- What the form refuses ----------------------------------------------
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }
  function isEmpty(value) {
    return value === undefined || value === null || String(value).trim() === "";
  }

  function tooLong(rule, value) {
    var length = Array.from(String(value)).length; // code points, as Python's len()
    if (!rule.max_length || length <= rule.max_length) return null;
    return fill(RULES.trop_long, { label: rule.label, longueur: length, max: rule.max_length });
  }

  function requiredUnless(rules, name, value, entry) {
    for (var i = 0; i < rules.obligatoire_sauf.length; i++) {
      var rule = rules.obligatoire_sauf[i];
      if (rule.field !== name || !isEmpty(value) || !entry) continue;
      var other = entry.getIn(["data", rule.other]);
      var own = rules.champs[rule.other];
      if (isEmpty(other)) continue; // no date: nothing to complete
      if (own && own.pattern && !new RegExp(own.pattern).test(String(other))) continue; // its own error says it
      if (!new RegExp(rule.pattern).test(String(other))) return rule.message;
    }
    return null;
  }

  // The body's own HTML and links, read by the browser's parser in an
  // inert document (nothing runs, nothing loads). Code is text on the
  // site: fenced blocks and code spans are left out first.
  function bodyProblem(markdown) {
    var body = RULES.corps;
    var text = String(markdown)
      .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|(?![\s\S]))/gm, "")
      .replace(/(`+)[\s\S]*?\1/g, "");
    var doc = new DOMParser().parseFromString(text, "text/html");
    var elements = doc.querySelectorAll("*");
    for (var i = 0; i < elements.length; i++) {
      var element = elements[i];
      var tag = element.localName;
      var source = element.getAttribute("src") || "";
      var embed =
        tag === "iframe" &&
        body.iframes_permises.some(function (prefix) {
          return source.indexOf(prefix) === 0;
        });
      if (body.balises[tag] && !embed) return body.balises[tag];
      for (var j = 0; j < element.attributes.length; j++) {
        var name = element.attributes[j].name.toLowerCase();
        var value = element.attributes[j].value;
        if (name.indexOf("on") === 0) return body.attributs.on;
        if (body.attributs[name]) return body.attributs[name];
        if (body.attributs_adresse.indexOf(name) >= 0 && value) {
          var problem = addressProblem(value.replace(/[\x00-\x20]+/g, "").toLowerCase(), name, embed);
          if (problem) return problem;
        }
      }
    }
    // Markdown's own links and images: [texte](adresse), ![…](adresse), [réf]: adresse
    var links = /(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)|^ {0,3}\[[^\]]+\]:\s*<?(\S*)/gm;
    var found;
    while ((found = links.exec(text)) !== null) {
      var address = (found[2] !== undefined ? found[2] : found[3]).toLowerCase();
      var image = found[1] === "!";
      var linkProblem = addressProblem(address, image ? "src" : "href", false);
      if (linkProblem) return linkProblem;
    }
    return null;
  }

  function addressProblem(address, attribute, embed) {
    var body = RULES.corps;
    var candidates = attribute === "srcset" ? address.split(",") : [address];
    for (var i = 0; i < candidates.length; i++) {
      for (var j = 0; j < body.adresses_interdites.length; j++) {
        var scheme = body.adresses_interdites[j] + ":";
        if (candidates[i].trim().indexOf(scheme) === 0) {
          return fill(body.adresse_interdite, { adresse: scheme });
        }
      }
    }
    var loads = body.attributs_charge.indexOf(attribute) >= 0 && !embed;
    var elsewhere = candidates.some(function (candidate) {
      return /^([a-z][a-z0-9+.-]*:|\/\/|\\\\)/.test(candidate.trim());
    });
    return loads && elsewhere ? body.ailleurs : null;
  }

  function problemOf(props, value) {
    var collection = props.collection && props.collection.get("name");
    var rules = RULES.collections[collection];
    if (!rules || (props.parentIds && props.parentIds.length)) return null; // nested: not a form field
    var name = props.field.get("name");
    if (name === "body" && !isEmpty(value)) return bodyProblem(value);
    var own = rules.champs[name];
    var entry = props.getEntry ? props.getEntry() : props.entry;
    return (own && !isEmpty(value) && tooLong(own, value)) || requiredUnless(rules, name, value, entry);
  }

  // Decap's own widget, with the rules above as its isValid (which Decap
  // asks on « Publier » and when a field with a pattern loses focus).
  function withRules(name) {
    var base = CMS.getWidget(name);
    var Control = createClass({
      isValid: function () {
        var message = problemOf(this.props, this.props.value);
        if (message) return { error: { type: "CUSTOM", message: message + "." } };
        return this.inner && this.inner.isValid ? this.inner.isValid() : true;
      },
      focus: function (path) {
        if (this.inner && this.inner.focus) return this.inner.focus(path);
        var element = document.getElementById(this.props.forID);
        if (element) element.focus();
      },
      shouldComponentUpdate: function (next) {
        return this.inner && this.inner.shouldComponentUpdate ? this.inner.shouldComponentUpdate(next) : true;
      },
      render: function () {
        var self = this;
        return h(
          base.control,
          Object.assign({}, this.props, {
            ref: function (inner) {
              self.inner = inner;
            },
          })
        );
      },
    });
    CMS.registerWidget(name, Control, base.preview, base.schema);
  }
  ["string", "text", "markdown"].forEach(withRules);

  // --- Interviewees: « - alain-blum » or « - person: … role: … » ------------
  // Decap's list widget over both forms: each line is shown as
  // {person, role, organisation}; a line without role or organisation
  // is written back as the plain identifier, so that a file saved
  // unchanged keeps every byte.
  var list = CMS.getWidget("list");
  function asLines(value, empty) {
    if (!value || !value.map) return value;
    return value.map(function (item) {
      return typeof item === "string" ? empty.set("person", item) : item;
    });
  }
  function asWritten(value) {
    if (!value || !value.map) return value;
    return value.map(function (item) {
      if (!item || typeof item === "string" || !item.filter) return item;
      var kept = item.filter(function (text, key) {
        return key === "person" || !isEmpty(text);
      });
      return kept.size === 1 && kept.has("person") ? kept.get("person") : kept;
    });
  }
  var People = createClass({
    isValid: function () {
      return this.inner && this.inner.isValid ? this.inner.isValid() : true;
    },
    focus: function (path) {
      if (this.inner && this.inner.focus) this.inner.focus(path);
    },
    shouldComponentUpdate: function () {
      return true;
    },
    render: function () {
      var self = this;
      var onChange = this.props.onChange;
      return h(
        list.control,
        Object.assign({}, this.props, {
          field: this.props.field.set("fields", this.props.field.get("lines")),
          value: asLines(this.props.value, this.props.field.clear()),
          onChange: function (value, metadata) {
            onChange(asWritten(value), metadata);
          },
          ref: function (inner) {
            self.inner = inner;
          },
        })
      );
    },
  });
  CMS.registerWidget("personnes", People, list.preview, list.schema);

  // --- « Publier » refused: say it, go to the field -------------------------
  // Decap refuses to save a form with errors by rejecting a promise with
  // nothing (a JavaScript error on the page) and shows a message only for
  // an empty required field.
  var notice;
  function showNotSaved() {
    var error = document.querySelector("[class*=ControlErrorsList] li");
    if (!error) return false;
    var container = error.closest("[class*=ControlContainer]") || error.parentElement;
    var label = container.querySelector("label");
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "editeur-non-enregistre";
      notice.setAttribute("role", "alert");
      document.body.appendChild(notice);
    }
    notice.textContent = typo.texte(fill(RULES.non_enregistre, { label: label ? label.textContent : "" }));
    notice.hidden = false;
    clearTimeout(notice.timer);
    notice.timer = setTimeout(function () {
      notice.hidden = true;
    }, 12000);
    // The field's own input, or the first one inside it (the Markdown
    // editor's text, a list's first line).
    var focusable = "input, textarea, select, [contenteditable=true], [tabindex]";
    var field = label && label.htmlFor && document.getElementById(label.htmlFor);
    var target =
      field && field.matches(focusable)
        ? field
        : (field && field.querySelector(focusable)) || container.querySelector(focusable);
    container.scrollIntoView({ block: "center" });
    if (target) target.focus({ preventScroll: true });
    return true;
  }
  window.addEventListener("unhandledrejection", function (event) {
    if (event.reason !== undefined) return;
    event.preventDefault(); // Decap's « refused », not an error of the page
    if (notice) notice.hidden = true;
    setTimeout(showNotSaved, 200); // once this attempt's errors are drawn
  });

  // --- The preview pane -----------------------------------------------------
  CMS.registerPreviewStyle(script.dataset.style);

  // The body as Decap renders it, then typeset like the site: Decap's
  // HTML is read from a hidden copy after each render.
  var Body = createClass({
    componentDidMount: function () {
      var self = this;
      this.observer = new MutationObserver(function () {
        self.typeset();
      });
      this.observer.observe(this.source, { childList: true, subtree: true, characterData: true });
      this.typeset();
    },
    componentDidUpdate: function () {
      this.typeset();
    },
    componentWillUnmount: function () {
      this.observer.disconnect();
    },
    typeset: function () {
      var html = typo.html(this.source.innerHTML);
      if (this.shown.innerHTML !== html) this.shown.innerHTML = html;
    },
    render: function () {
      var self = this;
      return h(
        "div",
        {},
        h("div", { hidden: true, ref: function (node) { self.source = node; } }, this.props.children),
        h("div", { className: this.props.className, ref: function (node) { self.shown = node; } })
      );
    },
  });

  function typesetText(text) {
    // Ordinals become <sup>: the only markup typeset text holds (escaped first).
    return { __html: typo.html(String(text || "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")) };
  }

  var Page = createClass({
    render: function () {
      var data = this.props.entry.get("data");
      var interview = this.props.collection.get("name") === "rencontres";
      return h(
        "main",
        { id: "contenu" },
        h(
          "article",
          { className: interview ? "rencontre" : "page" },
          h(
            "header",
            {},
            h("h1", { dangerouslySetInnerHTML: typesetText(data.get("title")) }),
            data.get("summary")
              ? h("div", { className: "chapo" }, h("p", { dangerouslySetInnerHTML: typesetText(data.get("summary")) }))
              : null
          ),
          h(Body, { className: "corps" }, this.props.widgetFor("body"))
        )
      );
    },
  });
  Object.keys(RULES.collections).forEach(function (name) {
    CMS.registerPreviewTemplate(name, Page);
  });

  CMS.init(); // admin-debut.js held Decap back until now
})();
