// Recherche plein texte (Pagefind). Amélioration progressive : sans
// JavaScript, la page /recherche/ dit que la recherche en a besoin et
// renvoie au plan du site. Aucune requête vers un autre site.
const formulaire = document.getElementById("recherche-formulaire");
const champ = document.getElementById("recherche-champ");
const etat = document.getElementById("recherche-etat");
const liste = document.getElementById("recherche-resultats");
document.getElementById("recherche-sans-js").hidden = true;
formulaire.classList.remove("en-attente");

// Loaded once, on the first search; a second search typed meanwhile
// waits for the same loading.
let pagefind;
async function charger() {
  // Addresses relative to the page, not to this script: the site may
  // live under a sub-path (previews use relative URLs).
  const script = new URL(formulaire.dataset.pagefind, document.baseURI);
  const options = {
    excerptLength: 24,
    baseUrl: new URL(formulaire.dataset.base, document.baseURI).pathname,
  };
  const index = await import(script.href);
  await index.options(options);
  // A large site is indexed in several lots (plugins/search_index):
  // lots.json names the others, merged here into one search. No file
  // (a site published before lots existed): one index.
  const reponse = await fetch(new URL("lots.json", script));
  const lots = reponse.ok ? await reponse.json() : [];
  await Promise.all(
    lots.map((lot) => index.mergeIndex(new URL(`${lot}/`, script).pathname, options)),
  );
  return index;
}
function moteur() {
  // A failed loading is tried again at the next search, not kept.
  pagefind ??= charger().catch((erreur) => {
    pagefind = undefined;
    throw erreur;
  });
  return pagefind;
}

function element(nom, texte) {
  const e = document.createElement(nom);
  if (texte) e.textContent = texte;
  return e;
}

// The kinds of page (Entretien, Programme…) are radio buttons of the
// form, written by the template: a change searches again.
let type = "";
for (const bouton of formulaire.elements.type) {
  bouton.addEventListener("change", () => {
    type = bouton.value;
    chercher(champ.value);
  });
}

// Each result's text (its Pagefind fragment) is fetched only when shown:
// PAR_PAGE first, then PAR_PAGE more on each « Afficher plus » (a word
// on every page would otherwise cost every fragment up front).
const PAR_PAGE = 5;
const plus = document.getElementById("recherche-plus");
let enCours = { resultats: [], montres: 0 };

function item(resultat) {
  const li = element("li");
  const sorte = resultat.filters?.type?.[0];
  if (sorte) {
    const etiquette = element("p", sorte);
    etiquette.className = "surtitre";
    li.append(etiquette);
  }
  const titre = element("h2");
  const lien = element("a", resultat.meta.title);
  lien.href = resultat.url;
  titre.append(lien);
  const extrait = element("p");
  extrait.innerHTML = resultat.excerpt; // Pagefind échappe le texte et n’ajoute que <mark>
  li.append(titre, extrait);
  return li;
}

function boutonPlus() {
  const reste = enCours.resultats.length - enCours.montres;
  plus.hidden = reste <= 0;
  plus.textContent = `Afficher ${Math.min(reste, PAR_PAGE)} résultat${reste > 1 ? "s" : ""} de plus`;
}

let derniere = 0;
async function chercher(requete) {
  const numero = ++derniere;
  plus.hidden = true;
  if (!requete.trim()) {
    liste.replaceChildren();
    etat.textContent = "";
    return;
  }
  etat.textContent = "Recherche en cours…";
  const options = type ? { filters: { type } } : {};
  let recherche;
  try {
    recherche = await (await moteur()).search(requete, options);
  } catch {
    if (numero === derniere) {
      etat.textContent =
        "La recherche n’a pas pu se charger. Vérifiez votre connexion, puis relancez-la.";
    }
    return;
  }
  const premiers = await Promise.all(recherche.results.slice(0, PAR_PAGE).map((r) => r.data()));
  if (numero !== derniere) return; // une frappe plus récente a pris le relais
  liste.replaceChildren();
  enCours = { resultats: recherche.results, montres: premiers.length };
  const n = recherche.results.length;
  const ou = type ? ` parmi les pages de type « ${type} »` : "";
  if (n === 0) {
    etat.replaceChildren(
      `Aucun résultat pour « ${requete} »${ou}. Essayez un autre mot, ou parcourez le `,
      Object.assign(element("a", "plan du site"), { href: formulaire.dataset.plan }),
      ".",
    );
    return;
  }
  etat.textContent = `${n} résultat${n > 1 ? "s" : ""} pour « ${requete} »${ou}.`;
  liste.append(...premiers.map(item));
  boutonPlus();
}

plus.addEventListener("click", async () => {
  const numero = derniere;
  const { resultats, montres } = enCours;
  const suivants = await Promise.all(
    resultats.slice(montres, montres + PAR_PAGE).map((r) => r.data()),
  );
  if (numero !== derniere || !suivants.length) return;
  enCours.montres += suivants.length;
  const nouveaux = suivants.map(item);
  liste.append(...nouveaux);
  boutonPlus();
  // Keyboard and screen-reader users land on the first new result.
  nouveaux[0].querySelector("a").focus();
});

formulaire.addEventListener("submit", (evenement) => {
  evenement.preventDefault();
  const requete = champ.value;
  history.replaceState(null, "", requete ? `?q=${encodeURIComponent(requete)}` : location.pathname);
  chercher(requete);
});

const initiale = new URLSearchParams(location.search).get("q");
if (initiale) {
  champ.value = initiale;
  chercher(initiale);
}
