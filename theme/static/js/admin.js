// The web editor (/admin/): the preview pane uses the site's own
// stylesheet, and an interview is previewed as the site shows it
// (title, chapô, questions as headings). Loaded after decap-cms.js,
// which defines CMS, h and createClass.
(function () {
  "use strict";
  var script = document.currentScript;
  CMS.registerPreviewStyle(script.dataset.style);

  var Rencontre = createClass({
    render: function () {
      var entry = this.props.entry;
      return h(
        "main",
        { id: "contenu" },
        h(
          "article",
          { className: "rencontre" },
          h(
            "header",
            {},
            h("h1", {}, entry.getIn(["data", "title"])),
            h("div", { className: "chapo" }, h("p", {}, entry.getIn(["data", "summary"])))
          ),
          h("div", { className: "corps" }, this.props.widgetFor("body"))
        )
      );
    },
  });
  CMS.registerPreviewTemplate("rencontres", Rencontre);
})();
