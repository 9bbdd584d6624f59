import type { FieldWords } from './field-words';

// One table per language, in the order detection reads them. A language is added here, with a fixture form
// labelled in it under test/fixtures/languages/.

/**
 * English, which also names fields in every language's code (`firstName`, `tel-123`) and in autocomplete tokens
 * (`given-name`, `tel-area-code`, `organization`).
 */
const en: FieldWords = {
  lang: 'en',
  language: 'English',
  ignore: ['honorific', 'nick', 'additional', 'country name', 'voicemail'],
  phoneParts: ['tel area', 'tel local', 'phone area', 'phone local'],
  dialCode: ['dial', 'country code', 'countrycode', 'calling code', 'callingcode', 'phone code', 'phonecode', 'prefi'],
  email: ['email', 'e mail'],
  phone: ['phone', ' telef', ' tel ', 'mobil', ' cell', 'whats', ' contact no ', ' contact num'],
  note: ['mess', 'comment', 'question', 'quiri', 'quiry', 'detail', ' note ', ' notes ', 'how can', ' body '],
  company: ['compan', 'busine', 'organi', ' firm'],
  notPerson: [
    'user',
    'account',
    'domain',
    'file',
    'product',
    'project',
    'event',
    'street',
    'city',
    'brand',
    'site',
    'shop',
  ],
  fullName: ['full name', 'fullname'],
  lastName: ['last', 'family', 'surname', ' lname'],
  firstName: ['first', 'given', ' fname'],
  name: ['name'],
};

/** German. "Vorwahl" alone is an area code (a phone part); the country's is "Ländervorwahl". */
const de: FieldWords = {
  lang: 'de',
  language: 'Deutsch',
  ignore: ['spitzname', 'anrede'],
  phoneParts: [' vorwahl'],
  dialCode: ['landervorwahl', 'landesvorwahl', 'landeskennzahl', 'landercode'],
  email: ['e mail', 'email', 'mailadresse'],
  phone: ['telefon', ' handy', 'mobilnummer', 'rufnummer', 'festnetz'],
  note: ['nachricht', 'mitteilung', 'anmerkung', 'bemerkung', 'kommentar', 'anfrage', 'frage', 'anliegen'],
  company: [' firma', ' firmen', 'unternehmen', 'betrieb', 'arbeitgeber'],
  notPerson: ['benutzer', 'produkt', 'strasse', 'straße', 'stadt', 'webseite'],
  fullName: ['vor und nachname', 'vollstandiger name', 'ganzer name'],
  lastName: ['nachname', 'familienname', 'zuname'],
  firstName: ['vorname', 'rufname'],
  name: ['name'],
};

/** French. "Nom" beside "Prénom" is the family name; alone, the whole name. */
const fr: FieldWords = {
  lang: 'fr',
  language: 'Français',
  ignore: ['surnom', 'pseudo', 'civilite'],
  dialCode: ['indicatif'],
  email: ['courriel', ' mail ', 'adresse electronique', 'e mail'],
  phone: ['telephone', ' portable', ' tel ', ' numero de mobile'],
  note: ['message', 'commentaire', 'demande', 'remarque', 'precisions', 'votre projet'],
  company: ['societe', 'entreprise', 'raison sociale', 'etablissement'],
  notPerson: ['utilisateur', 'produit', ' rue ', ' ville '],
  fullName: ['nom complet', 'nom et prenom', 'prenom et nom', 'nom prenom', 'prenom nom'],
  lastName: ['nom de famille', 'nom de naissance'],
  firstName: ['prenom'],
  name: [' nom '],
};

/** Spanish. "Nombre" beside "Apellidos" is the given name; alone, the whole name. */
const es: FieldWords = {
  lang: 'es',
  language: 'Español',
  ignore: ['apodo', 'tratamiento'],
  dialCode: ['codigo de pais', 'codigo del pais', 'prefijo'],
  email: ['correo', 'e mail', 'email'],
  phone: ['telefono', ' movil', 'celular', ' tel '],
  note: ['mensaje', 'comentario', ' consulta ', ' consultas ', 'pregunta', 'observaciones', 'en que podemos'],
  company: ['empresa', 'compania', 'organizacion', 'negocio'],
  notPerson: ['usuario', 'producto', 'ciudad', ' calle '],
  fullName: ['nombre completo', 'nombre y apellido', 'nombres y apellidos'],
  lastName: ['apellido'],
  firstName: ['primer nombre', 'nombre de pila'],
  name: ['nombre'],
};

/**
 * Portuguese (Portugal and Brazil). "Apelido" is the family name in Portugal (a nickname in Brazil, rare on
 * contact forms).
 */
const pt: FieldWords = {
  lang: 'pt',
  language: 'Português',
  ignore: ['alcunha'],
  dialCode: ['codigo do pais', 'codigo de pais', ' ddi '],
  email: ['e mail', 'email', 'correio eletronico', 'correio electronico'],
  phone: ['telefone', 'celular', 'telemovel', ' tel ', 'whatsapp'],
  note: ['mensagem', 'comentario', 'observac', 'duvida', 'pergunta', 'assunto da mensagem'],
  company: ['empresa', 'companhia', 'organizac', 'negocio'],
  notPerson: ['usuario', 'utilizador', 'produto', 'cidade', ' rua '],
  fullName: ['nome completo'],
  lastName: ['sobrenome', 'apelido', 'ultimo nome'],
  firstName: ['primeiro nome', 'prenome'],
  name: [' nome'],
};

/** Italian. "Nome" beside "Cognome" is the given name; alone, the whole name. */
const it: FieldWords = {
  lang: 'it',
  language: 'Italiano',
  ignore: ['soprannome'],
  dialCode: ['prefisso internazionale', 'prefisso'],
  email: ['e mail', 'email', 'posta elettronica'],
  phone: ['telefono', 'cellulare', ' tel '],
  note: ['messaggio', 'commento', 'richiesta', 'domanda', ' note '],
  company: ['azienda', 'societa', 'ragione sociale', 'ditta', 'impresa'],
  notPerson: ['utente', 'prodotto', 'citta', ' via '],
  fullName: ['nome e cognome', 'nome completo', 'nominativo'],
  lastName: ['cognome'],
  firstName: [],
  name: [' nome'],
};

/** Dutch. */
const nl: FieldWords = {
  lang: 'nl',
  language: 'Nederlands',
  ignore: ['bijnaam', 'aanhef'],
  dialCode: ['landcode', 'landnummer', 'landennummer'],
  email: ['e mail', 'email', 'mailadres'],
  phone: ['telefoon', 'mobiel', ' gsm', ' tel '],
  note: ['bericht', 'opmerking', 'vraag', 'toelichting', 'omschrijving'],
  company: ['bedrijf', 'organisatie', 'onderneming'],
  notPerson: ['gebruiker', 'product', 'straat', 'plaats'],
  fullName: ['volledige naam', 'voor en achternaam'],
  lastName: ['achternaam', 'familienaam'],
  firstName: ['voornaam', 'roepnaam'],
  name: ['naam'],
};

/** Polish. "Imię" is the given name; "Imię i nazwisko" the whole name. */
const pl: FieldWords = {
  lang: 'pl',
  language: 'Polski',
  ignore: ['pseudonim', 'przydomek'],
  dialCode: ['numer kierunkowy kraju', 'kod kraju', 'kierunkowy kraju'],
  email: ['e mail', 'email', 'poczta elektroniczna', 'adres mailowy'],
  phone: ['telefon', 'komorka', 'komorkowy', ' tel '],
  note: ['wiadomosc', 'tresc', 'komentarz', 'pytanie', 'uwagi', 'zapytanie'],
  company: [' firma', ' firmy', 'przedsiebiorstw', 'organizacj', 'instytucj'],
  notPerson: ['uzytkownik', 'produkt', 'miasto', 'ulica', 'nazwa'],
  fullName: ['imie i nazwisko', 'imie nazwisko', 'imie oraz nazwisko'],
  lastName: ['nazwisk'],
  firstName: [' imie', ' imion'],
  name: [],
};

/**
 * Turkish. "Ad" is the given name, "Soyad" the family name, "Ad Soyad" both. Dotted and dotless i are both written:
 * names in code drop the dot ("adi"), labels keep it ("Adı").
 */
const tr: FieldWords = {
  lang: 'tr',
  language: 'Türkçe',
  ignore: ['takma ad', 'lakap'],
  phoneParts: ['alan kodu'],
  dialCode: ['ulke kodu', 'ulke telefon kodu'],
  email: ['e posta', 'eposta', 'e mail', 'email'],
  phone: ['telefon', ' cep ', ' gsm'],
  note: ['mesaj', 'yorum', 'aciklama', 'acıklama', ' soru ', ' sorunuz', ' sorular', 'talep'],
  company: ['sirket', 'şirket', ' firma', 'kurum', 'isletme', 'işletme'],
  notPerson: ['kullanıcı', 'kullanici', ' urun', 'sehir', 'şehir'],
  fullName: [
    ' ad soyad',
    ' adı soyadı',
    ' adi soyadi',
    ' adınız soyadınız',
    ' adiniz soyadiniz',
    ' isim soyisim',
    ' isim soyad',
    ' ad ve soyad',
  ],
  lastName: ['soyad', 'soyisim'],
  firstName: [' ad ', ' adı ', ' adi ', ' adınız ', ' adiniz '],
  name: [' isim ', ' isminiz '],
};

/** Russian. "Имя" alone is the name people go by ("Ваше имя"); beside "Фамилия" the given name. */
const ru: FieldWords = {
  lang: 'ru',
  language: 'Русский',
  ignore: ['псевдоним', 'никнейм', 'обращение'],
  dialCode: ['код страны', 'телефонный код страны'],
  email: ['e mail', 'email', 'электронная почта', 'эл почта', 'почта', 'емейл', 'имейл'],
  phone: ['телефон', 'мобильн', 'сотов', 'номер тел'],
  note: ['сообщени', 'комментари', 'вопрос', 'примечани', 'пожелани', 'текст обращения'],
  company: ['компани', 'организаци', 'фирм', 'предприяти'],
  notPerson: ['пользовател', 'логин', 'продукт', 'город', 'улиц'],
  fullName: ['фио', 'имя и фамилия', 'фамилия и имя', 'полное имя', 'фамилия имя'],
  lastName: ['фамили'],
  firstName: [],
  name: [' имя', ' имени'],
};

/**
 * Arabic. Stems without the article match with it ("اسم" in "الاسم", "هاتف" in "الهاتف"); hamza seats and vowel
 * marks are read as written or not ("الإسم" is "الاسم").
 */
const ar: FieldWords = {
  lang: 'ar',
  language: 'العربية',
  // A postal code and a post box are no email (بريد).
  ignore: ['اللقب المستعار', 'الكنية المستعارة', 'اسم الشهرة', 'الرمز البريدي', 'صندوق البريد'],
  dialCode: ['رمز الدولة', 'مفتاح الدولة', 'رمز البلد', 'كود الدولة', 'مفتاح الاتصال', 'رمز الاتصال الدولي'],
  email: ['البريد الإلكتروني', 'بريد', 'ايميل', 'إيميل'],
  phone: ['هاتف', 'جوال', 'موبايل', 'تليفون', 'تلفون', 'رقم الهاتف', 'الجوال'],
  note: ['رسال', 'تعليق', 'ملاحظ', 'استفسار', 'سؤال', 'طلبك'],
  company: ['شرك', 'مؤسس', 'منظم', 'جهة العمل'],
  notPerson: ['المستخدم', 'المنتج', 'المدينة', 'الشارع'],
  fullName: ['الاسم الكامل', 'الاسم بالكامل', 'الإسم الكامل', 'الاسم الثلاثي'],
  lastName: ['اسم العائلة', 'الاسم الأخير', 'اسم الأسرة', 'العائلة', 'اللقب'],
  firstName: ['الاسم الأول', 'اسمك الأول', 'الإسم الأول'],
  name: ['اسم'],
};

/** Hindi in Devanagari. Vowel signs and the nukta count: "नाम" is a name, "नमस्ते" is not. */
const hi: FieldWords = {
  lang: 'hi',
  language: 'हिन्दी',
  ignore: ['उपाधि', 'अभिवादन'],
  dialCode: ['देश कोड', 'देश का कोड', 'कंट्री कोड'],
  email: ['ईमेल', 'ई मेल', 'ईमेल पता', 'ई-मेल'],
  phone: ['फ़ोन', 'फोन', 'मोबाइल', 'मोबाईल', 'दूरभाष', 'संपर्क नंबर', 'संपर्क संख्या'],
  note: ['संदेश', 'सन्देश', 'टिप्पणी', 'प्रश्न', 'सवाल', 'पूछताछ'],
  company: ['कंपनी', 'कम्पनी', 'संस्था', 'संगठन', 'व्यवसाय'],
  notPerson: ['उपयोगकर्ता', 'शहर', 'उत्पाद'],
  fullName: ['पूरा नाम', 'पूर्ण नाम'],
  lastName: ['उपनाम', 'अंतिम नाम', 'कुलनाम', 'सरनेम'],
  firstName: ['पहला नाम', 'प्रथम नाम'],
  name: ['नाम'],
};

/** Hindi in Latin letters, as Indian sites name fields beside English ("Aapka naam", "Mobile number"). */
const hiLatn: FieldWords = {
  lang: 'hi-Latn',
  language: 'Hindi (romanised)',
  dialCode: ['desh code', 'desh ka code'],
  email: ['email pata', 'email id'],
  phone: ['phone number', 'mobile number', 'sampark number', 'sampark sankhya'],
  note: ['sandesh', 'sandes', 'tippani', 'prashn', 'sawal', 'sawaal', 'puchhtachh'],
  company: ['kampani', 'kampny', 'sanstha', 'sangathan', 'vyavsay'],
  fullName: ['pura naam', 'poora naam', 'purn naam', 'poorn naam'],
  lastName: ['upnaam', 'up naam', 'antim naam', 'kulnaam'],
  firstName: ['pehla naam', 'pahla naam', 'pratham naam'],
  name: ['naam'],
};

/**
 * Japanese, matched anywhere in a label (no spaces between words) except the single characters 姓 and 名, which
 * match alone ("件名", a subject, is no name). "名字" is left to Chinese, where it is the name.
 */
const ja: FieldWords = {
  lang: 'ja',
  language: '日本語',
  ignore: ['ニックネーム', '敬称'],
  dialCode: ['国番号', '国コード', '国際電話番号'],
  email: ['メール', 'eメール', 'メールアドレス'],
  phone: ['電話', '携帯', 'でんわ'],
  note: ['メッセージ', '問い合わせ', '問合せ', '備考', '質問', 'ご要望', '内容', 'コメント', 'ご相談'],
  company: ['会社', '企業', '御社', '貴社', '法人', '団体', '組織'],
  notPerson: ['ユーザー', '商品', '製品', '市区町村'],
  fullName: ['氏名', '名前', 'フルネーム'],
  lastName: [' 姓 ', '苗字'],
  firstName: [' 名 '],
  name: [],
};

/**
 * Chinese, simplified and traditional, matched anywhere in a label (no spaces between words) except the single
 * characters 姓 and 名, which match alone.
 */
const zh: FieldWords = {
  lang: 'zh',
  language: '中文',
  ignore: ['昵称', '暱稱', '称谓'],
  dialCode: ['国家代码', '國家代碼', '国际区号', '國際區號', '国家区号', '国码', '國碼'],
  email: ['邮箱', '郵箱', '电子邮件', '電子郵件', '邮件', '郵件', '电邮', '電郵'],
  phone: ['电话', '電話', '手机', '手機', '联系方式号码', '移动电话'],
  note: ['留言', '消息', '备注', '備註', '咨询', '諮詢', '问题', '問題', '内容', '內容', '需求'],
  company: ['公司', '单位', '單位', '企业', '企業', '机构', '機構', '组织', '組織'],
  notPerson: ['用户', '用戶', '产品', '產品', '城市'],
  fullName: ['姓名', '名字', '全名', '称呼', '稱呼'],
  lastName: [' 姓 ', '姓氏'],
  firstName: [' 名 '],
  name: [],
};

/**
 * The languages field detection reads, all at once: a form's language is not known, and sites mix them.
 *
 * @example
 * FIELD_LANGUAGES.map((words) => words.lang); // ['en', 'de', 'fr', …]
 */
export const FIELD_LANGUAGES: readonly FieldWords[] = [en, de, fr, es, pt, it, nl, pl, tr, ru, ar, hi, hiLatn, ja, zh];
