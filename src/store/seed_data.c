/* seed_data.c - word lists for `csm seed` (see seed_data.h).  Names are
 * common ones of each culture; places are real, street numbers and postal
 * codes are made up within the real pattern. */
#include "store/seed_data.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct seed_word de_first[] = {
	{"Jürgen", "juergen"}, {"Lena", "lena"}, {"Matthias", "matthias"}, {"Sophie", "sophie"},
	{"Günther", "guenther"}, {"Anna", "anna"}, {"Jörg", "joerg"}, {"Katrin", "katrin"},
	{"Maximilian", "maximilian"}, {"Zoë", "zoe"},
};
static const struct seed_word de_last[] = {
	{"Müller", "mueller"}, {"Schmidt", "schmidt"}, {"Schröder", "schroeder"}, {"Weiß", "weiss"},
	{"Becker", "becker"}, {"Hoffmann", "hoffmann"}, {"Köhler", "koehler"}, {"Wagner", "wagner"},
	{"Fischer", "fischer"}, {"Krüger", "krueger"},
};
static const struct seed_word fr_first[] = {
	{"Amélie", "amelie"}, {"François", "francois"}, {"Hélène", "helene"}, {"Loïc", "loic"},
	{"Chloé", "chloe"}, {"Étienne", "etienne"}, {"Camille", "camille"}, {"Noël", "noel"},
};
static const struct seed_word fr_last[] = {
	{"Dubois", "dubois"}, {"Lefèvre", "lefevre"}, {"Moreau", "moreau"}, {"Girard", "girard"},
	{"Rousseau", "rousseau"}, {"Bonnet", "bonnet"}, {"Mercier", "mercier"}, {"Faure", "faure"},
};
static const struct seed_word pl_first[] = {
	{"Łukasz", "lukasz"}, {"Agnieszka", "agnieszka"}, {"Wojciech", "wojciech"},
	{"Małgorzata", "malgorzata"}, {"Krzysztof", "krzysztof"}, {"Zofia", "zofia"},
	{"Paweł", "pawel"}, {"Katarzyna", "katarzyna"},
};
static const struct seed_word pl_last[] = {
	{"Kowalski", "kowalski"}, {"Nowak", "nowak"}, {"Wiśniewski", "wisniewski"},
	{"Wójcik", "wojcik"}, {"Kamińska", "kaminska"}, {"Lewandowski", "lewandowski"},
	{"Zieliński", "zielinski"}, {"Szymańska", "szymanska"},
};
static const struct seed_word es_first[] = {
	{"José", "jose"}, {"María", "maria"}, {"Javier", "javier"}, {"Lucía", "lucia"},
	{"Álvaro", "alvaro"}, {"Carmen", "carmen"}, {"Sergio", "sergio"}, {"Inés", "ines"},
};
static const struct seed_word es_last[] = {
	{"García", "garcia"}, {"Fernández", "fernandez"}, {"López", "lopez"},
	{"Martínez", "martinez"}, {"Sánchez", "sanchez"}, {"Pérez", "perez"}, {"Gómez", "gomez"},
	{"Núñez", "nunez"},
};
static const struct seed_word ja_first[] = {
	{"太郎", "taro"}, {"花子", "hanako"}, {"健", "ken"}, {"陽子", "yoko"},
	{"翔太", "shota"}, {"美咲", "misaki"}, {"大輔", "daisuke"}, {"結衣", "yui"},
};
static const struct seed_word ja_last[] = {
	{"山田", "yamada"}, {"佐藤", "sato"}, {"鈴木", "suzuki"}, {"高橋", "takahashi"},
	{"田中", "tanaka"}, {"伊藤", "ito"}, {"渡辺", "watanabe"}, {"中村", "nakamura"},
};
static const struct seed_word sw_first[] = {
	{"Ngũgĩ", "ngugi"}, {"Wanjiru", "wanjiru"}, {"Kamau", "kamau"}, {"Achieng", "achieng"},
	{"Otieno", "otieno"}, {"Njeri", "njeri"}, {"Kiprono", "kiprono"}, {"Amani", "amani"},
};
static const struct seed_word sw_last[] = {
	{"Mwangi", "mwangi"}, {"Odhiambo", "odhiambo"}, {"Kariuki", "kariuki"},
	{"Wambui", "wambui"}, {"Kimani", "kimani"}, {"Chebet", "chebet"}, {"Mutua", "mutua"},
	{"Njoroge", "njoroge"},
};
static const struct seed_word el_first[] = {
	{"Σοφία", "sofia"}, {"Γιώργος", "giorgos"}, {"Ελένη", "eleni"}, {"Δημήτρης", "dimitris"},
	{"Μαρία", "maria"}, {"Νίκος", "nikos"}, {"Αθηνά", "athina"}, {"Κώστας", "kostas"},
};
static const struct seed_word el_last[] = {
	{"Παπαδόπουλος", "papadopoulos"}, {"Οικονόμου", "oikonomou"}, {"Γεωργίου", "georgiou"},
	{"Νικολάου", "nikolaou"}, {"Αντωνίου", "antoniou"}, {"Ιωάννου", "ioannou"},
	{"Καραγιάννη", "karagianni"}, {"Βλάχος", "vlachos"},
};
static const struct seed_word pt_first[] = {
	{"João", "joao"}, {"Ana", "ana"}, {"Luís", "luis"}, {"Beatriz", "beatriz"},
	{"Gonçalo", "goncalo"}, {"Mariana", "mariana"}, {"Thiago", "thiago"},
	{"Letícia", "leticia"},
};
static const struct seed_word pt_last[] = {
	{"Silva", "silva"}, {"Santos", "santos"}, {"Conceição", "conceicao"},
	{"Araújo", "araujo"}, {"Gonçalves", "goncalves"}, {"Brandão", "brandao"},
	{"Ribeiro", "ribeiro"}, {"Magalhães", "magalhaes"},
};
static const struct seed_word en_first[] = {
	{"James", "james"}, {"Olivia", "olivia"}, {"Michael", "michael"}, {"Emma", "emma"},
	{"Daniel", "daniel"}, {"Chloe", "chloe"}, {"Ethan", "ethan"}, {"Madison", "madison"},
};
static const struct seed_word en_last[] = {
	{"Johnson", "johnson"}, {"Williams", "williams"}, {"O'Brien", "obrien"},
	{"Thompson", "thompson"}, {"Rodriguez", "rodriguez"}, {"Nguyen", "nguyen"},
	{"Baker", "baker"}, {"Mitchell", "mitchell"},
};
static const struct seed_word ar_first[] = {
	{"محمد", "mohamed"}, {"فاطمة", "fatma"}, {"أحمد", "ahmed"}, {"مريم", "mariam"},
	{"عمر", "omar"}, {"ليلى", "layla"}, {"يوسف", "youssef"}, {"نور", "nour"},
};
static const struct seed_word ar_last[] = {
	{"حسن", "hassan"}, {"إبراهيم", "ibrahim"}, {"عبد الله", "abdallah"}, {"السيد", "elsayed"},
	{"منصور", "mansour"}, {"فاروق", "farouk"}, {"خليل", "khalil"}, {"سليمان", "soliman"},
};
static const struct seed_word ru_first[] = {
	{"Дмитрий", "dmitry"}, {"Анна", "anna"}, {"Сергей", "sergey"}, {"Ольга", "olga"},
	{"Алексей", "alexey"}, {"Наталья", "natalya"}, {"Иван", "ivan"}, {"Екатерина", "ekaterina"},
};
static const struct seed_word ru_last[] = {
	{"Иванов", "ivanov"}, {"Смирнова", "smirnova"}, {"Кузнецов", "kuznetsov"},
	{"Попова", "popova"}, {"Соколов", "sokolov"}, {"Лебедева", "lebedeva"},
	{"Козлов", "kozlov"}, {"Новикова", "novikova"},
};

#define CULTURE(lang, fmt, f, l) {lang, fmt, f, N(f), l, N(l)}
const struct seed_culture seed_cultures[] = {
	CULTURE("de", "Familie %s", de_first, de_last),     /* 0 */
	CULTURE("fr", "Famille %s", fr_first, fr_last),     /* 1 */
	CULTURE("pl", "Rodzina %s", pl_first, pl_last),     /* 2 */
	CULTURE("es", "Familia %s", es_first, es_last),     /* 3 */
	CULTURE("ja", "%s家", ja_first, ja_last),           /* 4 */
	CULTURE("sw", "Familia ya %s", sw_first, sw_last),  /* 5 */
	CULTURE("el", "Οικογένεια %s", el_first, el_last),  /* 6 */
	CULTURE("pt", "Família %s", pt_first, pt_last),     /* 7 */
	CULTURE("en", "%s Household", en_first, en_last),   /* 8 */
	CULTURE("ar", "عائلة %s", ar_first, ar_last),       /* 9 */
	CULTURE("ru", "Семья %s", ru_first, ru_last),       /* 10: people only, no country */
};
const size_t seed_n_cultures = N(seed_cultures);

const struct seed_country seed_countries[] = {
	{"Deutschland", "DE", "+49", "Europe/Berlin", 0, false, "GmbH",
	 {"Lindenstraße", "Hauptstraße", "Goethestraße", "Bahnhofstraße", "Schillerplatz", "Mühlenweg"},
	 {{"Bayern", {{"München", "80###", 48.1372, 11.5756}, {"Nürnberg", "904##", 49.4521, 11.0767}}},
	  {"Nordrhein-Westfalen",
	   {{"Köln", "506##", 50.9375, 6.9603}, {"Düsseldorf", "402##", 51.2277, 6.7735}}}},
	 {{"Nordwind", "nordwind"}, {"Bergland", "bergland"}, {"Rheinblick", "rheinblick"}}},
	{"France", "FR", "+33", "Europe/Paris", 1, true, "SA",
	 {"rue de la Paix", "avenue Victor-Hugo", "boulevard Saint-Michel", "rue des Écoles",
	  "place Bellecour", "rue Émile-Zola"},
	 {{"Île-de-France", {{"Paris", "750##", 48.8566, 2.3522}, {"Versailles", "78000", 48.8049, 2.1204}}},
	  {"Auvergne-Rhône-Alpes",
	   {{"Lyon", "6900#", 45.7640, 4.8357}, {"Grenoble", "38000", 45.1885, 5.7245}}}},
	 {{"Lumière", "lumiere"}, {"Bellevue", "bellevue"}, {"Rivage", "rivage"}}},
	{"Polska", "PL", "+48", "Europe/Warsaw", 2, false, "Sp. z o.o.",
	 {"ulica Marszałkowska", "aleje Jerozolimskie", "ulica Floriańska", "ulica Świętokrzyska",
	  "ulica Długa", "ulica Piękna"},
	 {{"Mazowieckie", {{"Warszawa", "00-###", 52.2297, 21.0122}, {"Radom", "26-6##", 51.4027, 21.1471}}},
	  {"Małopolskie", {{"Kraków", "30-###", 50.0647, 19.9450}, {"Tarnów", "33-1##", 50.0121, 20.9858}}}},
	 {{"Wisła", "wisla"}, {"Bursztyn", "bursztyn"}, {"Tatra", "tatra"}}},
	{"España", "ES", "+34", "Europe/Madrid", 3, false, "S.L.",
	 {"Calle Mayor", "Gran Vía", "Calle de Alcalá", "Avenida de la Constitución", "Calle Sierpes",
	  "Paseo del Prado"},
	 {{"Comunidad de Madrid",
	   {{"Madrid", "280##", 40.4168, -3.7038}, {"Alcalá de Henares", "288##", 40.4819, -3.3635}}},
	  {"Andalucía", {{"Sevilla", "410##", 37.3891, -5.9845}, {"Málaga", "290##", 36.7213, -4.4214}}}},
	 {{"Sol y Mar", "solymar"}, {"Alhambra", "alhambra"}, {"Ibérica", "iberica"}}},
	{"日本", "JP", "+81", "Asia/Tokyo", 4, false, "株式会社",
	 {"本町", "中央通り", "桜通り", "駅前通り", "日本橋", "栄町"},
	 {{"東京都", {{"新宿区", "160-00##", 35.6938, 139.7034}, {"渋谷区", "150-00##", 35.6580, 139.7016}}},
	  {"大阪府", {{"大阪市", "530-00##", 34.6937, 135.5023}, {"堺市", "590-00##", 34.5733, 135.4830}}}},
	 {{"さくら", "sakura"}, {"富士テック", "fujitec"}, {"Hikari", "hikari"}}},
	{"Kenya", "KE", "+254", "Africa/Nairobi", 5, true, "Ltd",
	 {"Kenyatta Avenue", "Moi Avenue", "Ngong Road", "Waiyaki Way", "Tom Mboya Street",
	  "Nyerere Road"},
	 {{"Nairobi County",
	   {{"Nairobi", "00100", -1.2921, 36.8219}, {"Westlands", "00800", -1.2676, 36.8108}}},
	  {"Mombasa County",
	   {{"Mombasa", "80100", -4.0435, 39.6682}, {"Nyali", "80118", -4.0226, 39.7105}}}},
	 {{"Kilima", "kilima"}, {"Savannah", "savannah"}, {"Jambo", "jambo"}}},
	{"Ελλάδα", "GR", "+30", "Europe/Athens", 6, false, "Α.Ε.",
	 {"Οδός Ερμού", "Λεωφόρος Βασιλίσσης Σοφίας", "Οδός Αιόλου", "Οδός Τσιμισκή", "Οδός Εγνατία",
	  "Οδός Πανεπιστημίου"},
	 {{"Αττική", {{"Αθήνα", "105 ##", 37.9838, 23.7275}, {"Πειραιάς", "185 ##", 37.9420, 23.6465}}},
	  {"Κεντρική Μακεδονία",
	   {{"Θεσσαλονίκη", "546 ##", 40.6401, 22.9444}, {"Σέρρες", "621 ##", 41.0856, 23.5484}}}},
	 {{"Olympia", "olympia"}, {"Αιγαίο", "aigaio"}, {"Poseidon", "poseidon"}}},
	{"Brasil", "BR", "+55", "America/Sao_Paulo", 7, false, "Ltda.",
	 {"Avenida Paulista", "Rua Augusta", "Rua Oscar Freire", "Avenida Atlântica",
	  "Rua da Consolação", "Rua XV de Novembro"},
	 {{"São Paulo", {{"São Paulo", "01###-000", -23.5505, -46.6333}, {"Campinas", "130##-000", -22.9099, -47.0626}}},
	  {"Rio de Janeiro",
	   {{"Rio de Janeiro", "20###-000", -22.9068, -43.1729}, {"Niterói", "240##-000", -22.8832, -43.1034}}}},
	 {{"Amazônia", "amazonia"}, {"Ipanema", "ipanema"}, {"Cruzeiro", "cruzeiro"}}},
	{"United States", "US", "+1", "America/New_York", 8, true, "Inc.",
	 {"Market Street", "Main Street", "Broadway", "Elm Street", "Mission Street", "5th Avenue"},
	 {{"California",
	   {{"San Francisco", "941##", 37.7749, -122.4194}, {"San José", "951##", 37.3382, -121.8863}}},
	  {"New York", {{"New York", "100##", 40.7128, -74.0060}, {"Buffalo", "142##", 42.8864, -78.8784}}}},
	 {{"Liberty", "liberty"}, {"Pioneer", "pioneer"}, {"Golden Gate", "goldengate"}}},
	{"مصر", "EG", "+20", "Africa/Cairo", 9, true, "S.A.E.",
	 {"شارع التحرير", "شارع الهرم", "طريق الكورنيش", "شارع قصر النيل", "شارع فيصل",
	  "شارع الجمهورية"},
	 {{"القاهرة", {{"القاهرة", "115##", 30.0444, 31.2357}, {"الجيزة", "125##", 30.0131, 31.2089}}},
	  {"الإسكندرية",
	   {{"الإسكندرية", "215##", 31.2001, 29.9187}, {"برج العرب", "219##", 30.9167, 29.5333}}}},
	 {{"Nile", "nile"}, {"النيل", "alnil"}, {"Pharos", "pharos"}}},
};
const size_t seed_n_countries = N(seed_countries);

const char *const seed_sectors[] = {
	"Holding", "Group", "Industries", "Services", "Retail", "Logistics", "Partners", "Trading",
	"Technologies", "Energy", "Health", "Properties",
};
const size_t seed_n_sectors = N(seed_sectors);

const char *const seed_titles[] = {
	"IT Manager", "Facility Manager", "Head of Operations", "Purchasing", "Office Manager",
	"CFO", "Service Coordinator", "Site Engineer", "Managing Director", "Administrator",
	"Branch Manager", "Technical Lead",
};
const size_t seed_n_titles = N(seed_titles);

const char *const seed_comments[] = {
	"Thank you for reporting this. We are looking into it.",
	"Could you send us a photo of the error message?",
	"A technician is scheduled for tomorrow morning.",
	"The replacement part has been shipped.",
	"Please restart the device and tell us whether the problem persists.",
	"We have applied a fix; please confirm that it works for you.",
	"Vielen Dank, das Problem ist behoben.",
	"Merci, tout fonctionne à nouveau.",
	"ご連絡ありがとうございます。確認いたします。",
	"Still happening this morning, twice before 9:00.",
};
const size_t seed_n_comments = N(seed_comments);

const char *const seed_work_notes[] = {
	"Checked the logs: errors started after the last update.",
	"Customer called again, escalated to second level.",
	"Spare part ordered from the central warehouse.",
	"Remote diagnosis shows a hardware fault.",
	"Waiting for the customer's maintenance window.",
	"Known issue, linked to the problem record.",
	"Entitlement checked: covered by the contract.",
	"Field engineer confirmed the fix on site.",
};
const size_t seed_n_work_notes = N(seed_work_notes);

const char *const seed_tasks[] = {
	"Order the spare part", "Schedule an on-site visit", "Call the customer back",
	"Check the remote logs", "Update the firmware", "Confirm the fix with the customer",
	"Review the contract coverage",
};
const size_t seed_n_tasks = N(seed_tasks);
