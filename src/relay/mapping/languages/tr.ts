import type { FieldWords } from '../field-words';

/**
 * Turkish. "Ad" is the given name, "Soyad" the family name, "Ad Soyad" both. Dotted and dotless i are both written:
 * names in code drop the dot ("adi"), labels keep it ("Adı").
 */
export const tr: FieldWords = {
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
