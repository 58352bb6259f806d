(width) => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > width) problems.push(`défilement horizontal : ${root.scrollWidth}px`);
  const visible = (el) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0;
  };
  const name = (el) => `${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} « ${(el.textContent || '').trim().slice(0, 40)} »`;
  // Header: the wordmark and each menu item, none over another.
  const boxes = [document.querySelector('.marque'), ...document.querySelectorAll('.menu a')]
    .filter(visible).map((el) => [el, el.getBoundingClientRect()]);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i], [b, rb] = boxes[j];
    if (ra.left < rb.right - 1 && rb.left < ra.right - 1 && ra.top < rb.bottom - 1 && rb.top < ra.bottom - 1)
      problems.push(`chevauchement dans l’en-tête : ${name(a)} / ${name(b)}`);
  }
  // Text that escapes its box, or the screen.
  for (const el of document.querySelectorAll('main *, header *, footer *')) {
    if (!visible(el) || el.closest('svg')) continue;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (r.right > width + 1) problems.push(`dépasse de l’écran : ${name(el)}`);
    if (s.display !== 'inline' && s.overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
      problems.push(`texte qui déborde : ${name(el)} (${el.scrollWidth} > ${el.clientWidth})`);
  }
  // Tap targets: 24 × 24 px at least (WCAG 2.5.8), except a link within
  // a sentence, which the criterion exempts: an inline link whose block
  // holds other words than its own. A link alone in its block is checked.
  for (const el of document.querySelectorAll('a, button, summary, input')) {
    if (!visible(el)) continue;
    const s = getComputedStyle(el);
    const block = el.parentElement.closest('p, li, h1, h2, h3, h4, dd, td, blockquote, .chapo');
    const words = (node) => (node.textContent || '').replace(/\s+/g, ' ').trim();
    const inText = s.display === 'inline' && block && words(block).length > words(el).length + 2;
    if (inText && !el.closest('.menu, .pied, .etiquettes, .boutons, .partage')) continue;
    // A box inside its <label>: the label is what a finger taps.
    const r = (el.tagName === 'INPUT' && el.closest('label') || el).getBoundingClientRect();
    if (r.width < 24 || r.height < 24) problems.push(`cible trop petite (${Math.round(r.width)} × ${Math.round(r.height)}) : ${name(el)}`);
  }
  // Reading text: 45 to 80 characters a line. Under 768 px the screen,
  // not the design, bounds the line (about 38 at 375 px): only the upper
  // bound holds there. Characters a line: the text box's width over the
  // mean width of its own characters in its own font.
  const canvas = document.createElement('canvas').getContext('2d');
  const reading = document.querySelectorAll(
    '.texte > p, .texte > ul > li, .texte blockquote p, .page-entete .chapo, .rencontre-entete .chapo, .heros .chapo, .resultats li > p:last-child');
  for (const el of reading) {
    if (!visible(el)) continue;
    const text = el.textContent.replace(/\s+/g, ' ').trim();
    if (text.length < 120) continue;  // a short line says nothing of the measure
    const s = getComputedStyle(el);
    canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const box = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    const perLine = Math.round(box / (canvas.measureText(text).width / text.length));
    if (perLine > 80 || (width >= 768 && perLine < 45))
      problems.push(`mesure de ${perLine} caractères par ligne : ${name(el)}`);
  }
  return problems;
}
