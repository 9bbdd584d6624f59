import type { FieldWords } from '../field-words';

/**
 * Japanese, matched anywhere in a label (no spaces between words) except the single characters 姓 and 名, which
 * match alone ("件名", a subject, is no name). "名字" is left to Chinese, where it is the name.
 */
export const ja: FieldWords = {
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
