// Before decap-cms.js: Decap starts only when admin.js has laid its
// words, widgets and previews over its own (CMS.init() at its end).
window.CMS_MANUAL_INIT = true;
