// The real-WordPress seed (tests/e2e/wordpress.mjs posts it through the REST API).
// Fictional news from the fictional town of Valea Verde, written for these tests.
// Titles carry what WordPress's texturizer turns into entities (`&` → &#038;,
// "straight quotes" → &#8220;…&#8221;, apostrophes → &#8217;) and Romanian
// „quotes”; bodies carry ă â î ș ț, headings, lists and a quote. Post i is dated
// i × 2 h 10 min before the newest, so the order is known. Changing this file
// changes the seed's cache key: the next start seeds afresh.

export const categories = [
  { slug: 'local', name: 'Local', description: 'Primărie, cartiere, transport.' },
  { slug: 'economie', name: 'Economie', description: 'Firme, piețe, prețuri.' },
  { slug: 'cultura', name: 'Cultură', description: 'Teatru, muzică, carte.' },
  { slug: 'sport', name: 'Sport', description: 'Echipele orașului.' },
  { slug: 'educatie-stiinta', name: 'Educație & Știință', description: 'Școli, universitate, cercetare.' },
];

// Users with display names (WordPress's `name`); the slug is the author page's.
export const authors = [
  { username: 'ioana.rusu', slug: 'ioana-rusu', name: 'Ioana Rusu' },
  { username: 'mihai.valcu', slug: 'mihai-valcu', name: 'Mihai Vâlcu' },
  { username: 'anamaria.turcanu', slug: 'ana-maria-turcanu', name: 'Ana-Maria Țurcanu' },
];

// Featured images, drawn by tests/wordpress/image.php and uploaded as media with alt text.
export const images = [
  { file: 'tramvai.jpg', size: [1200, 675], colors: ['1d4e89', 'f2a541'], alt: 'Tramvai galben pe podul peste râul Verde, la apus' },
  { file: 'piata.jpg', size: [1200, 675], colors: ['2e7d32', 'fbc02d'], alt: 'Tarabe cu legume în piața centrală, dimineața' },
  { file: 'teatru.jpg', size: [1200, 800], colors: ['6a1b9a', 'ef5350'], alt: 'Scena teatrului municipal, luminată în roșu și violet' },
  { file: 'stadion.png', size: [960, 540], colors: ['0d47a1', '81d4fa'], alt: 'Tribuna stadionului „Viitorul”, plină de suporteri' },
  { file: 'laborator.jpg', size: [1200, 675], colors: ['004d40', 'b2dfdb'], alt: 'Eprubete și un microscop pe masa unui laborator școlar' },
  { file: 'parc.png', size: [800, 600], colors: ['33691e', 'dce775'], alt: 'Alee cu tei înfloriți în parcul Izvoarelor' },
];

const p = (...paras) => paras.join('\n\n');

// Newest first; more than the Recent Posts poll's window (recent_count 6 + 10), so a
// poll gets a full page as on a real site. `image` indexes `images`; `author` indexes `authors` (null: the admin, "Redacția").
export const posts = [
  {
    slug: 'tramvaiul-de-noapte-revine-pe-linia-3',
    title: 'Tramvaiul de noapte revine pe linia 3 & circulă până la ora 2',
    category: 'local', author: 0, image: 0,
    content: p(
      'Începând de luni, tramvaiul de noapte revine pe linia 3, între Gara de Nord și cartierul Izvoare. Regia de transport a anunțat că vagoanele vor pleca la fiecare 20 de minute, până la ora 2.',
      'Decizia vine după o petiție semnată de peste două mii de locuitori, mulți dintre ei angajați în ture la spital și la fabrica de pâine. „Ne-am întors acasă pe jos ani la rând; acum măcar știm că avem cu ce”, spune Elena, asistentă medicală.',
      '<h2>Ce se schimbă pentru călători</h2>',
      '<ul><li>biletul de noapte costă cât cel de zi;</li><li>abonamentele lunare rămân valabile;</li><li>stațiile Podul Verde și Piața Mare sunt iluminate suplimentar.</li></ul>',
      'Primăria promite că, dacă numărul de călători trece de o sută pe noapte, linia 5 va primi și ea o cursă târzie până în toamnă.',
    ),
  },
  {
    slug: 'piata-centrala-preturi-legume',
    title: 'Piața centrală: „Roșiile s-au ieftinit”, spun producătorii',
    category: 'economie', author: 1, image: 1,
    content: p(
      'Prețul roșiilor a scăzut cu aproape o treime în ultimele două săptămâni în piața centrală din Valea Verde. Producătorii din satele din jur spun că recolta a fost bogată, iar căldura a grăbit coacerea.',
      'Un kilogram de roșii românești se vinde acum cu 6 lei, față de 9 lei la începutul lunii. Ardeii și vinetele au urmat aceeași tendință, în timp ce fructele de pădure rămân scumpe.',
      '<h2>Ce spun cumpărătorii</h2>',
      '„Vin în fiecare sâmbătă și de data asta am umplut două sacoșe cu banii de una”, povestește un pensionar din cartierul Teilor. Alții se plâng însă că tarabele se golesc înainte de ora 10.',
      'Administrația pieței ia în calcul prelungirea programului de sâmbătă până la ora 16, pe durata verii.',
    ),
  },
  {
    slug: 'teatrul-municipal-stagiune-noua',
    title: 'Teatrul municipal deschide stagiunea cu "Visul unei nopți de vară"',
    category: 'cultura', author: 2, image: 2,
    content: p(
      'Teatrul municipal își deschide stagiunea pe 1 octombrie cu o montare nouă a comediei lui Shakespeare, în regia tinerei Irina Ștefănescu. Repetițiile au început deja, iar biletele pentru primele trei seri s-au vândut în mai puțin de o zi.',
      'Regizoarea mută acțiunea într-o pădure de lângă Valea Verde, cu ursitoare în loc de zâne și cu un cor de copii din școlile orașului.',
      '<h2>Programul primei luni</h2>',
      '<ol><li>1–3 octombrie: „Visul unei nopți de vară”;</li><li>10 octombrie: recital de poezie, intrarea liberă;</li><li>24 octombrie: spectacol-lectură pentru liceeni.</li></ol>',
      '<blockquote><p>„Vreau ca oamenii să râdă și să-și recunoască orașul pe scenă”, spune Irina Ștefănescu.</p></blockquote>',
      'Biletele costă între 20 și 45 de lei; elevii și pensionarii au reducere de jumătate.',
    ),
  },
  {
    slug: 'viitorul-valea-verde-calificare',
    title: 'Viitorul Valea Verde, calificare în sferturile Cupei după 3–1 cu Dacia',
    category: 'sport', author: 1, image: 3,
    content: p(
      'Echipa de fotbal a orașului s-a calificat în sferturile de finală ale Cupei regionale, după o victorie clară, 3–1, cu Dacia Mioveni-Sat. Peste patru mii de spectatori au umplut tribunele stadionului „Viitorul”.',
      'Golurile au fost marcate de Andrei Cozma, în minutele 12 și 58, și de fundașul Radu Tănase, cu capul, după un corner.',
      'Antrenorul Ștefan Iliescu a lăudat jocul tinerilor: „Am avut răbdare și am jucat simplu. Băieții și-au meritat seara”.',
      'Sferturile se joacă peste trei săptămâni; tragerea la sorți are loc vineri.',
    ),
  },
  {
    slug: 'olimpiada-de-chimie-elevi',
    title: 'Elevii din Valea Verde, trei medalii la olimpiada de chimie',
    category: 'educatie-stiinta', author: 2, image: 4,
    content: p(
      'Trei elevi ai Colegiului „Mihai Eminescu” s-au întors cu medalii de la etapa națională a olimpiadei de chimie: un aur, un argint și un bronz.',
      'Profesoara lor, Mariana Oprea, pregătește echipa de olimpiadă de opt ani, în laboratorul renovat anul trecut din bani strânși de părinți.',
      '<h2>Laboratorul, deschis și altor școli</h2>',
      'Începând din noiembrie, laboratorul va fi deschis sâmbăta și pentru elevii din satele vecine, care nu au aparatură în școlile lor.',
    ),
  },
  {
    slug: 'parcul-izvoarelor-alei-noi',
    title: 'Parcul Izvoarelor primește alei noi și 120 de tei',
    category: 'local', author: null, image: 5,
    content: p(
      'Lucrările de modernizare a parcului Izvoarelor se încheie luna viitoare. Aleile de asfalt crăpat au fost înlocuite cu pavele drenante, iar de-a lungul lor au fost plantați 120 de tei.',
      'Locul de joacă are acum un spațiu pentru copiii cu dizabilități, iar fântâna arteziană, oprită de zece ani, a fost reparată.',
      'Parcul rămâne deschis pe durata lucrărilor, dar zona lacului este închisă până la sfârșitul lunii.',
    ),
  },
  {
    slug: 'brutaria-din-cartierul-teilor',
    title: 'Brutăria din cartierul Teilor împlinește 50 de ani & dă pâine gratis',
    category: 'economie', author: 0, image: null,
    content: p(
      'Cea mai veche brutărie din oraș, cea de pe strada Teilor, împlinește sâmbătă 50 de ani. Proprietarii, a treia generație a familiei Munteanu, împart o pâine gratuită fiecărui client între orele 7 și 9.',
      '„Bunicul a copt prima pâine aici într-un cuptor de cărămidă; cuptorul e tot acolo, doar că acum îl folosim pentru cozonaci”, spune Daniela Munteanu.',
      'Brutăria are opt angajați și livrează zilnic pâine la două școli și la căminul de bătrâni.',
    ),
  },
  {
    slug: 'festivalul-de-jazz-pe-malul-raului',
    title: 'Festivalul de jazz se mută pe malul râului: „E mai mult loc”',
    category: 'cultura', author: 2, image: null,
    content: p(
      'Ediția din acest an a festivalului de jazz din Valea Verde se va ține pe faleza râului, nu în piața centrală. Organizatorii spun că scena nouă încape de două ori mai mulți spectatori.',
      '<h2>Cine cântă</h2>',
      'Pe afiș sunt patru formații locale, un cvartet din Iași și o big band a conservatorului. Concertele încep la ora 19 și sunt gratuite.',
      'Primăria a cerut organizatorilor să încheie muzica la ora 23, după plângerile vecinilor de anul trecut.',
    ),
  },
  {
    slug: 'handbal-feminin-victorie',
    title: 'Handbal feminin: victorie la limită, 27–26, în ultimul minut',
    category: 'sport', author: 1, image: null,
    content: p(
      'Echipa de handbal feminin a orașului a câștigat dramatic meciul cu CSM Lunca, 27–26, cu un gol marcat de Bianca Dobre cu patru secunde înainte de final.',
      'Gazdele au condus toată prima repriză, dar au fost egalate la 22 și au fost conduse până în ultimul minut.',
      'Cu această victorie, echipa urcă pe locul al doilea în clasament.',
    ),
  },
  {
    slug: 'universitatea-deschide-facultate',
    title: 'Universitatea deschide o facultate de informatică în 2027',
    category: 'educatie-stiinta', author: 0, image: null,
    content: p(
      'Senatul universității din Valea Verde a aprobat înființarea unei facultăți de informatică, cu primele 150 de locuri la admiterea din 2027.',
      'Clădirea fostei tipografii din centru va fi renovată pentru cursuri și laboratoare; lucrările încep în primăvară.',
      '<h2>Parteneriate cu firmele din oraș</h2>',
      'Mai multe firme locale de software s-au oferit să țină cursuri opționale și să primească studenți la practică.',
    ),
  },
  {
    slug: 'podul-peste-raul-verde-reparat',
    title: "Podul peste râul Verde, reparat: traficul se reia de joi",
    category: 'local', author: 1, image: null,
    content: p(
      'După patru luni de lucrări, podul dintre centru și cartierul Izvoare se redeschide joi dimineață pentru mașini. Pietonii îl pot folosi de marți.',
      'Constructorul a înlocuit rosturile de dilatație și a refăcut trotuarele; parapetul nou are și o pistă de biciclete pe partea dinspre râu.',
      'Autobuzele liniei 7 revin pe traseul obișnuit din aceeași zi.',
    ),
  },
  {
    slug: 'cooperativa-de-miere',
    title: 'Apicultorii din zonă fac o cooperativă: miere "de Valea Verde"',
    category: 'economie', author: 2, image: null,
    content: p(
      'Douăzeci și trei de apicultori din satele din jurul orașului s-au unit într-o cooperativă, pentru a vinde mierea sub o marcă comună.',
      'Borcanele vor avea aceeași etichetă și vor ajunge din toamnă în magazinele din oraș și la târgurile din țară.',
      '„Singuri nu aveam cum să negociem cu un lanț de magazine; împreună avem cantitatea”, explică președintele cooperativei, Vasile Ciobanu.',
    ),
  },
  {
    slug: 'biblioteca-judeteana-program-prelungit',
    title: 'Biblioteca județeană, deschisă și duminica în sesiunea de examene',
    category: 'cultura', author: 0, image: null,
    content: p(
      'Sala de lectură a bibliotecii județene va fi deschisă și duminica, între 10 și 18, pe toată durata sesiunii de examene.',
      'Studenții pot rezerva locuri online, iar cei care vin cu laptopul au prize la fiecare masă.',
    ),
  },
  {
    slug: 'crosul-orasului-inscrieri',
    title: 'Crosul orașului: înscrieri deschise pentru 5 & 10 kilometri',
    category: 'sport', author: null, image: null,
    content: p(
      'Înscrierile pentru crosul orașului, de pe 14 septembrie, sunt deschise. Alergătorii pot alege între traseul de 5 kilometri, prin parc, și cel de 10 kilometri, pe faleză.',
      'Taxa de participare este de 30 de lei; banii strânși merg la secția de pediatrie a spitalului.',
      '<h2>Traseul</h2>',
      'Startul se dă din fața primăriei la ora 9; străzile din centru vor fi închise circulației între 8 și 12.',
    ),
  },
  {
    slug: 'statia-de-epurare-modernizata',
    title: 'Stația de epurare, modernizată cu fonduri europene',
    category: 'local', author: 0, image: null,
    content: p(
      'Stația de epurare a orașului a fost modernizată în doi ani, cu bani europeni și o contribuție a consiliului local. Apa care ajunge în râul Verde este acum curățată în trei trepte.',
      'Pescarii spun că au observat deja mai mulți pești în aval de oraș, iar mirosul de lângă cartierul Lunca a dispărut.',
    ),
  },
  {
    slug: 'targul-de-toamna-programul',
    title: 'Târgul de toamnă: meșteșugari, vin nou & plăcinte în piața mare',
    category: 'cultura', author: 1, image: null,
    content: p(
      'Târgul de toamnă se ține între 2 și 4 octombrie în piața mare. Peste 80 de meșteșugari și producători și-au anunțat prezența, de la olari la țesătoare.',
      '<h2>Pentru copii</h2>',
      'În fiecare zi, de la ora 11, copiii pot încerca roata olarului și pot învăța să împletească coșuri din nuiele.',
    ),
  },
  {
    slug: 'scoala-din-lunca-renovata',
    title: 'Școala din Lunca se redeschide după renovare, cu sală de sport nouă',
    category: 'educatie-stiinta', author: 2, image: null,
    content: p(
      'Cei 240 de elevi ai școlii din cartierul Lunca se întorc luni în clădirea renovată. Acoperișul, ferestrele și instalația de încălzire sunt noi.',
      'Sala de sport, construită de la zero în curtea școlii, va fi deschisă seara și pentru cluburile de cartier.',
    ),
  },
  {
    slug: 'voluntarii-curata-malul-raului',
    title: 'Trei sute de voluntari au strâns 4 tone de gunoi de pe malul râului',
    category: 'local', author: null, image: null,
    content: p(
      'Sâmbătă dimineață, trei sute de voluntari, mulți dintre ei elevi, au curățat malurile râului Verde pe o lungime de șase kilometri.',
      'Au fost strânse patru tone de deșeuri, cele mai multe sticle de plastic. Primăria a promis coșuri de gunoi noi pe faleză până la sfârșitul lunii.',
    ),
  },
];
