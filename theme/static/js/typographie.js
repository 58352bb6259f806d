// French typography for the web editor's preview pane: a line-for-line
// port of plugins/french_typography/core.py (typeset_text,
// typeset_html), so that the preview shows what the site will show
// (curly apostrophes, no-break spaces, « », 1er). The build runs the
// Python; tests/e2e/test_web_editor.py runs this in Chromium on the same
// inputs and compares. Change both together.
//
// Python's \w, \d and isalnum() are Unicode-aware; JavaScript's are
// ASCII unless spelt with \p{…} (and the u flag), as below.
(function (global) {
  "use strict";

  var NBSP = "\u00a0";
  var NNBSP = "\u202f";
  var ANY_SPACE = " \t\n\u00a0\u202f\u2009";
  var SPACES = "[" + ANY_SPACE + "]";
  var WORD = "[\\p{L}\\p{N}_]";
  var LETTER = "[\\p{L}\\p{Nl}\\p{No}]";
  var DIGIT = "\\p{Nd}";

  var PROTECTED = new Set(["code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "svg", "math"]);
  var INLINE = new Set([
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q", "s",
    "small", "span", "strong", "sub", "sup", "time", "u",
  ]);

  var TAG = /<!--[\s\S]*?-->|<![^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;
  var VERBATIM = new RegExp(
    "(?:https?|ftp)://[^\\s<>«»\"]+[^\\s<>«»\".,;:!?)]" +
      "|www\\.[^\\s<>«»\"]+[^\\s<>«»\".,;:!?)]" +
      "|mailto:[^\\s<>«»\"]+" +
      "|[\\p{L}\\p{N}_.+-]+@[\\p{L}\\p{N}_-]+(?:\\.[\\p{L}\\p{N}_-]+)+",
    "gu"
  );

  var UNITS = [
    "%", "‰", "€", "$", "£", "°C", "°", "k€", "M€", "Md€", "km", "m", "cm", "mm", "m²", "m³",
    "km²", "ha", "kg", "g", "mg", "h", "min", "Mo", "Go", "Ko", "To", "kWh", "MWh", "W", "kW", "MW",
  ];
  var CIVILITIES = ["M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Me"];

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  function longestFirst(list) {
    return list.slice().sort(function (a, b) { return b.length - a.length; }).map(escapeRegExp).join("|");
  }
  var UNIT = longestFirst(UNITS);
  var CIVILITY = longestFirst(CIVILITIES);

  function isDigit(c) { return /^\p{Nd}$/u.test(c); }
  function isAlnum(c) { return /^[\p{L}\p{N}]$/u.test(c); }
  function isSpace(c) { return c !== "" && ANY_SPACE.indexOf(c) >= 0; }

  // A match as Python's re.Match gives it: groups, start, end, string.
  function charBefore(m) { return m.start ? m.string[m.start - 1] : ""; }
  function charAfter(m) { return m.end < m.string.length ? m.string[m.end] : ""; }

  function closingGuillemet(m) {
    if (!m.groups[1] && isSpace(charBefore(m)) && charBefore(m)) return m.text;
    return NBSP + "»";
  }
  function digitGroup(m) {
    if (m.groups[1].length > 3 || charBefore(m) === "." || charBefore(m) === ",") return m.text;
    return m.groups[1] + NNBSP;
  }
  function civility(m) {
    var before = charBefore(m);
    if (before && (isAlnum(before) || before === ".")) return m.text;
    return m.groups[1] + NBSP;
  }
  function spaceBeforeMark(m) {
    var spaces = m.groups[1], mark = m.groups[2];
    var before = charBefore(m), after = charAfter(m);
    if (!before || "([«{;:!?".indexOf(before) >= 0) return m.text;
    if (!spaces && isSpace(before)) return m.text;
    if (mark === ":") {
      if (!spaces && isDigit(before) && isDigit(after)) return m.text;
      return NBSP + mark;
    }
    if (mark === ";" && !spaces && after && !isSpace(after)) return m.text;
    return NNBSP + mark;
  }
  function group1Then(suffix) {
    return function (m) { return m.groups[1] + suffix; };
  }
  function constant(text) {
    return function () { return text; };
  }

  // (pattern, replacement, trigger) in the order they run, as _RULE_TABLE.
  var RULES = [
    [/\.\.\.(?!\.)(?<!\.\.\.\.)/gu, constant("…"), "..."],
    [new RegExp("(?<=" + LETTER + ")'", "gu"), constant("’"), "'"],
    [new RegExp("«" + SPACES + "*", "gu"), constant("«" + NBSP), "«"],
    [new RegExp("(" + SPACES + "*)»", "gu"), closingGuillemet, "»"],
    [new RegExp("(" + DIGIT + "+)" + SPACES + "(?=" + DIGIT + "{3}(?!" + DIGIT + "))", "gu"), digitGroup, "\\d"],
    [
      new RegExp("(" + DIGIT + ")" + SPACES + "+(?=(?:" + UNIT + ")(?![\\p{L}\\p{N}_²³]))", "gu"),
      group1Then(NBSP),
      "\\d",
    ],
    [new RegExp("(" + DIGIT + ")(?=[%‰€](?!" + WORD + "))", "gu"), group1Then(NBSP), "\\d"],
    [new RegExp("(" + CIVILITY + ")" + SPACES + "+(?=[A-ZÀ-Ý])", "gu"), civility, "MDP"],
    [new RegExp("(" + SPACES + "*)([!?]+|[;:])", "gu"), spaceBeforeMark, ";:!?"],
  ];

  function mayMatch(trigger, text, start) {
    if (trigger === "\\d") return new RegExp(DIGIT, "u").test(text.slice(start));
    if (trigger.length > 1 && trigger === trigger[0].repeat(trigger.length)) {
      return (start ? text.slice(start) : text).indexOf(trigger) >= 0;
    }
    var rest = text.slice(start);
    for (var i = 0; i < trigger.length; i++) if (rest.indexOf(trigger[i]) >= 0) return true;
    return false;
  }

  // pattern.sub(replacement, text), from ``from`` on (the replacement
  // still sees the text before it).
  function sub(pattern, replacement, text, from) {
    var out = text.slice(0, from);
    var last = from;
    pattern.lastIndex = from;
    var found;
    while ((found = pattern.exec(text)) !== null) {
      var m = { text: found[0], groups: found, start: found.index, end: found.index + found[0].length, string: text };
      out += text.slice(last, m.start) + replacement(m);
      last = m.end;
      if (found[0] === "") pattern.lastIndex++;
    }
    return out + text.slice(last);
  }

  var MARKS_SIDE_BY_SIDE = new RegExp("[;:!?«»][" + ANY_SPACE + "]?[;:!?«»]", "u");

  function straightDoubleQuotes(text, previous) {
    if (text.indexOf('"') < 0) return text;
    var out = "";
    var before = previous;
    for (var char of text) {
      if (char === '"') {
        char = !before || isSpace(before) || "([«—–-".indexOf(before) >= 0 ? "«" : "»";
      }
      out += char;
      before = char;
    }
    return out;
  }

  function applyRules(text, previous) {
    if (!text || /^\s+$/u.test(text)) return text;
    text = straightDoubleQuotes(text, previous);
    text = previous + text;
    var start = previous.length;
    for (var round = 0; round < 4; round++) {
      var before = text;
      for (var i = 0; i < RULES.length; i++) {
        var rule = RULES[i];
        if (mayMatch(rule[2], text, start)) {
          var replaced = sub(rule[0], rule[1], text, 0);
          if (replaced.slice(0, start) !== text.slice(0, start)) {
            replaced = sub(rule[0], rule[1], text, start);
          }
          text = replaced;
        }
      }
      if (text === before || !MARKS_SIDE_BY_SIDE.test(text)) break;
    }
    return text.slice(start);
  }

  var ORDINAL = /(\p{Nd}+|[IVX][IVXLC]*|[LC][IVXLC]+)(ers?|res?|es?|nde?s?)(?![\p{L}\p{N}_-])/gu;
  var ARABIC = new Set(["er", "ers", "re", "res", "e", "es", "nd", "nde", "nds", "ndes"]);
  var ROMAN = new Set(["er", "re", "e", "es"]);

  function ordinal(m) {
    var number = m.groups[1], suffix = m.groups[2];
    var before = charBefore(m);
    var allowed = /^\p{Nd}+$/u.test(number) ? ARABIC : ROMAN;
    if (!allowed.has(suffix) || (before && (isAlnum(before) || "_.,-".indexOf(before) >= 0))) return m.text;
    return number + "<sup>" + suffix + "</sup>";
  }

  function escapeHtml(text, quote) {
    text = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return quote ? text.replace(/"/g, "&quot;").replace(/'/g, "&#x27;") : text;
  }

  // Entities to characters, as Python's html.unescape: a <textarea> of
  // an inert document reads them and never makes elements.
  var inert = document.implementation.createHTMLDocument("");
  var decoder = inert.createElement("textarea");
  function unescapeHtml(text) {
    if (text.indexOf("&") < 0) return text;
    decoder.innerHTML = text.replace(/</g, "&lt;");
    return decoder.value;
  }

  function finish(text, asHtml) {
    return asHtml ? sub(ORDINAL, ordinal, escapeHtml(text, false), 0) : text;
  }

  function typesetRun(text, previous, asHtml) {
    var pieces = [];
    var position = 0;
    if (text.indexOf("://") >= 0 || text.indexOf("@") >= 0 || text.indexOf("www.") >= 0) {
      VERBATIM.lastIndex = 0;
      var found;
      while ((found = VERBATIM.exec(text)) !== null) {
        pieces.push(finish(applyRules(text.slice(position, found.index), previous), asHtml));
        pieces.push(asHtml ? escapeHtml(found[0], false) : found[0]);
        previous = found[0][found[0].length - 1];
        position = found.index + found[0].length;
      }
    }
    var rest = applyRules(text.slice(position), previous);
    pieces.push(finish(rest, asHtml));
    return [pieces.join(""), rest ? rest[rest.length - 1] : previous];
  }

  function typesetText(text) {
    return typesetRun(text, "", false)[0];
  }

  var ATTRIBUTE =
    /(\s+)([^\s"'>\/=]+)(?:(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

  function typesetAlt(tag) {
    var name = /^<[^\s>\/]+/.exec(tag)[0];
    return name + tag.slice(name.length).replace(ATTRIBUTE, function (all, space, attr, equals, d, s, b) {
      if (attr.toLowerCase() !== "alt" || equals === undefined) return all;
      var value = d !== undefined ? d : s !== undefined ? s : b;
      return space + attr + equals + '"' + escapeHtml(typesetText(unescapeHtml(value)), true) + '"';
    });
  }

  var WORK = /[;:!?'"«»%‰€$£\p{Nd}]|\.\.\.|&|\b(?:MM?\.|Mmes?|Mlles?|Dr|Pr|Me)\s|\b[IVXLC]+(?:er|re|es?)\b/u;

  function typesetHtmlText(text, previous) {
    if (!WORK.test(text)) return [text, text ? text[text.length - 1] : previous];
    return typesetRun(unescapeHtml(text), previous, true);
  }

  function typesetHtml(markup) {
    var out = [];
    var previous = "";
    var depth = 0;
    var protectedTag = "";
    var position = 0;
    TAG.lastIndex = 0;
    var found;
    while ((found = TAG.exec(markup)) !== null) {
      var text = markup.slice(position, found.index);
      if (text) {
        if (depth) {
          out.push(text);
        } else {
          var done = typesetHtmlText(text, previous);
          out.push(done[0]);
          previous = done[1];
        }
      }
      var tag = found[0];
      var closing = found[1], name = (found[2] || "").toLowerCase();
      if ((name === "img" || name === "area") && !depth) tag = typesetAlt(tag);
      out.push(tag);
      position = found.index + found[0].length;
      if (!name) continue;
      var selfClosing = tag.slice(-2) === "/>";
      if (depth) {
        if (name === protectedTag) depth += closing ? -1 : selfClosing ? 0 : 1;
        continue;
      }
      if (PROTECTED.has(name) && !closing && !selfClosing) {
        depth = 1;
        protectedTag = name;
        previous = "";
      } else if (!INLINE.has(name)) {
        previous = "";
      }
    }
    var rest = markup.slice(position);
    if (rest) out.push(depth ? rest : typesetHtmlText(rest, previous)[0]);
    return out.join("");
  }

  global.typographie = { texte: typesetText, html: typesetHtml };
})(window);
