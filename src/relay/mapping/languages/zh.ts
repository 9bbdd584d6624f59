import type { FieldWords } from '../field-words';

/**
 * Chinese, simplified and traditional, matched anywhere in a label (no spaces between words) except the single
 * characters 姓 and 名, which match alone.
 */
export const zh: FieldWords = {
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
